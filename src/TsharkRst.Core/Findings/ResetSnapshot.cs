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

    /// <summary>What each side had sent: application payload (after the handshake, on TLS), and what the
    /// other side's ACKs prove.</summary>
    public SideData Client { get; init; } = SideData.None;

    public SideData Server { get; init; } = SideData.None;

    public PacketRow? FirstClientPayload => Client.FirstPayload;
    public PacketRow? FirstServerPayload => Server.FirstPayload;
    public PacketRow? FirstFin { get; init; }
    public PacketRow? ClientHello { get; init; }
    public PacketRow? ServerHello { get; init; }

    /// <summary>The frame where the TLS handshake was over (see <see cref="TlsProgress.FinishedFrame"/>).</summary>
    public long? TlsFinishedFrame { get; init; }

    public bool TlsHandshakeFinished => TlsFinishedFrame is not null;
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
        var clientHello = before.FirstOrDefault(p => FromClient(p) && p.TlsHandshakeTypes.Contains(TlsNames.ClientHello));
        var serverHello = before.FirstOrDefault(p => !FromClient(p) && p.TlsHandshakeTypes.Contains(TlsNames.ServerHello));
        var finished = clientHello is null ? null : TlsProgress.FinishedFrame(before, FromClient, serverHello);
        Func<PacketRow, bool> payload = clientHello is null
            ? p => p.PayloadLength > 0
            : p => TlsProgress.CarriesApplicationData(p, finished);

        return new ResetSnapshot
        {
            Connection = connection,
            RstIndex = rstIndex,
            SentBy = SideOf(connection, rst),
            Syn = syn,
            SynAck = synAck,
            HandshakeComplete = HandshakeCompleted(before, FromClient, syn, synAck),
            Client = SideData.Of(before, FromClient, payload, ClientStart(syn, synAck)),
            Server = SideData.Of(before, p => !FromClient(p), payload, ServerStart(before, FromClient, syn, synAck)),
            FirstFin = before.FirstOrDefault(p => p.Has(TcpFlags.Fin)),
            ClientHello = clientHello,
            ServerHello = serverHello,
            TlsFinishedFrame = finished,
            Alert = TlsAlertRule.Find(before, FromClient, serverHello, finished),
            RstCount = packets.Count(p => p.Has(TcpFlags.Rst)),
            Answered = before.Count > 0 && FromClient(before[^1]) != FromClient(rst) && rst.Time - before[^1].Time <= AnswerWindow
                ? before[^1]
                : null,
        };
    }

    /// <summary>The client ACKed after the SYN-ACK; or, where the SYN-ACK is missing from the capture
    /// (one direction only), ACKed something after its own SYN, which only a SYN-ACK allows.</summary>
    private static bool HandshakeCompleted(List<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? syn, PacketRow? synAck)
    {
        var after = synAck ?? syn;
        if (after is null)
            return false;
        var index = before.IndexOf(after);
        return before.Skip(index + 1).Any(p => fromClient(p) && !p.Has(TcpFlags.Syn) && (synAck is not null || p.Has(TcpFlags.Ack)));
    }

    /// <summary>The client's first sequence number after its SYN, from the SYN or the SYN-ACK's ACK.</summary>
    private static uint? ClientStart(PacketRow? syn, PacketRow? synAck) =>
        syn?.Seq is { } seq ? unchecked(seq + 1) : synAck?.Ack;

    /// <summary>The server's first sequence number after its SYN-ACK, from the SYN-ACK, or, where only the
    /// client's side of the start was captured, from the client's first ACK after its SYN.</summary>
    private static uint? ServerStart(List<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? syn, PacketRow? synAck)
    {
        if (synAck?.Seq is { } seq)
            return unchecked(seq + 1);
        if (syn is null)
            return null;
        return before.FirstOrDefault(p => p.Frame > syn.Frame && fromClient(p) && p.Has(TcpFlags.Ack) && !p.Has(TcpFlags.Syn))?.Ack;
    }

    private static Side SideOf(Connection connection, PacketRow packet)
    {
        if (connection.IsFromClient(packet))
            return Side.Client;
        return packet.SourcePort == connection.Server.Port && Equals(packet.Source, connection.Server.Address)
            ? Side.Server
            : Side.Unknown;
    }
}
