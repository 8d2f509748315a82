using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>What a connection had shown when its first RST arrived: the facts every rule reads.
/// A pure function of the connection's packets.</summary>
public sealed record ResetSnapshot
{
    public required Connection Connection { get; init; }

    /// <summary>Index of the first RST in <see cref="Connection.Packets"/>.</summary>
    public required int RstIndex { get; init; }

    public PacketRow Rst => Connection.Packets[RstIndex];

    /// <summary>The packets before the first RST.</summary>
    public IEnumerable<PacketRow> Before => Connection.Packets.Take(RstIndex);

    public required Side SentBy { get; init; }
    public PacketRow? Syn { get; init; }
    public PacketRow? SynAck { get; init; }
    public bool HandshakeComplete { get; init; }
    public PacketRow? FirstClientPayload { get; init; }
    public PacketRow? FirstServerPayload { get; init; }
    public PacketRow? FirstFin { get; init; }
    public PacketRow? ClientHello { get; init; }
    public PacketRow? ServerHello { get; init; }
    public bool TlsHandshakeFinished { get; init; }
    public TlsAlert? Alert { get; init; }
    public int RstCount { get; init; }

    /// <summary>The other side's packet the RST answers: its last one before the RST, when the RST
    /// followed it within <see cref="AnswerWindow"/>.</summary>
    public PacketRow? Answered { get; init; }

    /// <summary>A reset is made at once, so a RST this soon after the other side's packet is taken as
    /// the answer to it; the window only has to cover the path's round trip.</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(1);

    public bool IsFromClient(PacketRow packet) => Connection.IsFromClient(packet);

    /// <summary>Takes the snapshot at the connection's first RST; null when it has none.</summary>
    public static ResetSnapshot? Take(Connection connection)
    {
        var packets = connection.Packets;
        var rstIndex = -1;
        for (var i = 0; i < packets.Count && rstIndex < 0; i++)
            if (packets[i].Has(TcpFlags.Rst))
                rstIndex = i;
        if (rstIndex < 0)
            return null;

        var before = packets.Take(rstIndex).ToList();
        var rst = packets[rstIndex];
        bool FromClient(PacketRow p) => connection.IsFromClient(p);
        var syn = before.FirstOrDefault(p => p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Ack));
        var synAck = before.FirstOrDefault(p => p.Has(TcpFlags.Syn | TcpFlags.Ack));
        var synAckIndex = synAck is null ? -1 : before.IndexOf(synAck);
        var clientHello = before.FirstOrDefault(p => FromClient(p) && p.TlsHandshakeTypes.Contains(TlsNames.ClientHello));
        var serverHello = before.FirstOrDefault(p => !FromClient(p) && p.TlsHandshakeTypes.Contains(TlsNames.ServerHello));

        return new ResetSnapshot
        {
            Connection = connection,
            RstIndex = rstIndex,
            SentBy = SideOf(connection, rst),
            Syn = syn,
            SynAck = synAck,
            HandshakeComplete = synAck is not null && before.Skip(synAckIndex + 1).Any(p => FromClient(p) && !p.Has(TcpFlags.Syn)),
            FirstClientPayload = before.FirstOrDefault(p => FromClient(p) && p.PayloadLength > 0),
            FirstServerPayload = before.FirstOrDefault(p => !FromClient(p) && p.PayloadLength > 0),
            FirstFin = before.FirstOrDefault(p => p.Has(TcpFlags.Fin)),
            ClientHello = clientHello,
            ServerHello = serverHello,
            TlsHandshakeFinished = TlsFinished(before, FromClient, serverHello),
            Alert = TlsAlertRule.Find(before, FromClient, serverHello),
            RstCount = packets.Count(p => p.Has(TcpFlags.Rst)),
            Answered = before.Count > 0 && FromClient(before[^1]) != FromClient(rst) && rst.Time - before[^1].Time <= AnswerWindow
                ? before[^1]
                : null,
        };
    }

    private static Side SideOf(Connection connection, PacketRow packet)
    {
        if (connection.IsFromClient(packet))
            return Side.Client;
        return packet.SourcePort == connection.Server.Port && Equals(packet.Source, connection.Server.Address)
            ? Side.Server
            : Side.Unknown;
    }

    /// <summary>The handshake is over once the client sends application data, or, before TLS 1.3,
    /// once both sides have sent ChangeCipherSpec. (TLS 1.3 sends a compatibility
    /// ChangeCipherSpec early, so only the client's encrypted records count there.)</summary>
    private static bool TlsFinished(List<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? serverHello)
    {
        var tls13 = serverHello?.TlsSupportedVersions.Contains(TlsNames.Tls13) == true;
        var clientData = before.Any(p => fromClient(p) && p.TlsContentTypes.Contains(TlsNames.ApplicationData)
                                         && !TlsAlertRule.IsEncryptedAlertSized(p));
        if (clientData)
            return true;
        return !tls13 &&
               before.Any(p => fromClient(p) && p.TlsContentTypes.Contains(TlsNames.ChangeCipherSpec)) &&
               before.Any(p => !fromClient(p) && p.TlsContentTypes.Contains(TlsNames.ChangeCipherSpec));
    }
}
