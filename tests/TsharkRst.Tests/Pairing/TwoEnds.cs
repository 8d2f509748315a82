using System.Net;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Pairing;

/// <summary>One TCP conversation seen at both ends of a routed path: each packet is captured where
/// it is sent and, one-way delay later, where it arrives (unless lost on the way); a router between
/// them lowers TTLs by one, may rewrite the client's address and port (NAT), and may make packets
/// of its own. The server-side capture's clock runs <see cref="ClockOffset"/> ahead.</summary>
internal sealed class TwoEnds
{
    private static IPAddress ClientIp => Rules.Talk.ClientIp;
    private static IPAddress ServerIp => Rules.Talk.ServerIp;
    public static readonly IPAddress NatIp = IPAddress.Parse("203.0.113.1");

    private readonly List<(DateTimeOffset Time, PacketRow Row)> _atClient = [];
    private readonly List<(DateTimeOffset Time, PacketRow Row)> _atServer = [];
    private DateTimeOffset _now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private uint _clientSeq, _serverSeq;

    private TwoEnds(int clientPort, uint clientIsn, uint serverIsn) =>
        (ClientPort, _clientSeq, _serverSeq) = (clientPort, clientIsn, serverIsn);

    public int ClientPort { get; }
    public int NatPort => 20000 + ClientPort % 1000;
    public bool Nat { get; init; }
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(2);
    public TimeSpan ClockOffset { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What a device on the path adds to the client's sequence numbers (and takes from the server's acknowledgements).</summary>
    public uint ClientSeqShift { get; init; }

    /// <summary>TTLs stay the same on the way (the captures sit on one segment): only timing tells the ends apart.</summary>
    public bool SameSegment { get; init; }

    public static TwoEnds Start(int clientPort = 40000, uint clientIsn = 1000, uint serverIsn = 5000, bool nat = false,
        TimeSpan? delay = null, TimeSpan? offset = null, uint clientSeqShift = 0, bool sameSegment = false) =>
        new(clientPort, clientIsn, serverIsn)
        {
            Nat = nat,
            Delay = delay ?? TimeSpan.FromMilliseconds(2),
            ClockOffset = offset ?? TimeSpan.FromSeconds(5),
            ClientSeqShift = clientSeqShift,
            SameSegment = sameSegment,
        };

    public TwoEnds Handshake() => Client(TcpFlags.Syn).Server(TcpFlags.Syn | TcpFlags.Ack).Client(TcpFlags.Ack);

    /// <summary>The client sends; <paramref name="lost"/>: the path drops it; <paramref name="queued"/>: extra delay on the way;
    /// <paramref name="again"/>: a retransmission of its previous segment.</summary>
    public TwoEnds Client(TcpFlags flags, int length = 0, double after = 0.01, bool lost = false, double queued = 0, bool again = false)
    {
        if (again)
            _clientSeq -= (uint)length;
        return Send(fromClient: true, flags, length, after, lost, queued, forged: false);
    }

    public TwoEnds Server(TcpFlags flags, int length = 0, double after = 0.01, bool lost = false, double queued = 0) =>
        Send(fromClient: false, flags, length, after, lost, queued, forged: false);

    /// <summary>A device on the path sends a packet in the server's name toward the client (TTL 64 unless told).</summary>
    public TwoEnds ForgedToClient(TcpFlags flags, double after = 0.01, int? ttl = null) =>
        Send(fromClient: false, flags, 0, after, lost: false, 0, forged: true, ttl);

    /// <summary>The client-side capture: frames numbered from 1.</summary>
    public IReadOnlyList<PacketRow> ClientSide => Numbered(_atClient);

    /// <summary>The server-side capture, on its own clock.</summary>
    public IReadOnlyList<PacketRow> ServerSide => Numbered(_atServer);

    public static IReadOnlyList<Connection> Track(IEnumerable<PacketRow> rows)
    {
        return ConnectionAssembly.Group(rows.OrderBy(r => r.Frame));
    }

    /// <summary>A capture whose connections were all dissected, numbered in their order, as with --full.</summary>
    public static VantagePoint Vantage(string name, IReadOnlyList<PacketRow> rows, TimeSpan? runsOn = null)
    {
        var connections = Track(rows);
        return new VantagePoint(name, name, connections.Select((c, i) => ConnectionOutline.Of(i, c)).ToList(),
            connections.Select((c, i) => (c, i)).ToDictionary(x => x.i, x => x.c), rows.Min(r => r.Time),
            rows.Max(r => r.Time) + (runsOn ?? TimeSpan.FromMinutes(1)));
    }

    /// <summary>Several conversations' packets in one capture, in time order, numbered from 1.</summary>
    public static IReadOnlyList<PacketRow> Merge(params IReadOnlyList<PacketRow>[] captures) =>
        captures.SelectMany(c => c).OrderBy(r => r.Time).Select((r, i) => r with { Frame = i + 1 }).ToList();

    public CapturePairing ClientSidePairing(TimeSpan? serverRunsOn = null) =>
        CapturePairing.Of(Vantage("client.pcapng", ClientSide), Vantage("server.pcapng", ServerSide, serverRunsOn));

    public ResetFinding DiagnoseAtClient(CapturePairing? pairing = null) => Diagnose(ClientSide, pairing ?? ClientSidePairing());

    public ResetFinding DiagnoseAtServer() => Diagnose(ServerSide, ClientSidePairing().Reversed());

    private static ResetFinding Diagnose(IReadOnlyList<PacketRow> rows, CapturePairing pairing)
    {
        var profiles = new AddressProfiles();
        foreach (var row in rows)
            profiles.Add(row);
        var connection = pairing.Here.Dissected.Values.Single(c => c.HasReset);
        var s = ResetSnapshot.Take(connection) ?? throw new InvalidOperationException("no RST");
        return ResetDiagnosis.Diagnose(s, new DiagnosisSettings(), profiles, [], PairedReset.Of(s, pairing));
    }

    private TwoEnds Send(bool fromClient, TcpFlags flags, int length, double after, bool lost, double queued, bool forged, int? ttl = null)
    {
        _now = _now.AddSeconds(after);
        var seq = fromClient ? _clientSeq : _serverSeq;
        var ack = fromClient ? _serverSeq : _clientSeq;
        var row = new PacketRow
        {
            Time = _now,
            Protocols = "eth:ethertype:ip:tcp",
            Ipv4Source = fromClient ? ClientIp : ServerIp,
            Ipv4Destination = fromClient ? ServerIp : ClientIp,
            SourcePort = fromClient ? ClientPort : 443,
            DestinationPort = fromClient ? 443 : ClientPort,
            Flags = flags,
            Seq = seq,
            Ack = flags.HasFlag(TcpFlags.Ack) ? ack : 0,
            TcpLength = length,
            Window = flags.HasFlag(TcpFlags.Rst) ? 0 : 64240,
        };
        if (!forged)
        {
            var advance = (uint)(length + (flags.HasFlag(TcpFlags.Syn) ? 1 : 0) + (flags.HasFlag(TcpFlags.Fin) ? 1 : 0));
            if (fromClient)
                _clientSeq += advance;
            else
                _serverSeq += advance;
        }
        var arrival = _now + Delay + TimeSpan.FromSeconds(queued);
        var hop = SameSegment ? 0 : 1;
        if (fromClient)
        {
            _atClient.Add((_now, row with { Ttl = 64, EthSource = "02:00:00:00:01:10" }));
            if (!lost)
                _atServer.Add((arrival + ClockOffset, AtServer(row) with { Ttl = 64 - hop, EthSource = "02:00:00:00:02:01" }));
        }
        else if (forged)
        {
            _atClient.Add((arrival, row with { Ttl = ttl ?? 64, EthSource = "02:00:00:00:01:01" }));
        }
        else
        {
            _atServer.Add((_now + ClockOffset, AtServer(row) with { Ttl = 64, EthSource = "02:00:00:00:02:10" }));
            if (!lost)
                _atClient.Add((arrival, row with { Ttl = 64 - hop, EthSource = "02:00:00:00:01:01" }));
        }
        return this;
    }

    /// <summary>The packet as the server sees it: NAT rewrites the client's address and port, a
    /// sequence-rewriting device shifts the client's numbers.</summary>
    private PacketRow AtServer(PacketRow row)
    {
        var fromClient = Equals(row.Ipv4Source, ClientIp);
        var client = Nat ? NatIp : ClientIp;
        var port = Nat ? NatPort : ClientPort;
        return fromClient
            ? row with { Ipv4Source = client, SourcePort = port, Seq = unchecked(row.Seq + ClientSeqShift) }
            : row with { Ipv4Destination = client, DestinationPort = port, Ack = row.Ack is 0 or null ? row.Ack : unchecked(row.Ack + ClientSeqShift) };
    }

    private static List<PacketRow> Numbered(List<(DateTimeOffset Time, PacketRow Row)> packets) =>
        packets.OrderBy(p => p.Time).Select((p, i) => p.Row with { Frame = i + 1, Time = p.Time }).ToList();
}
