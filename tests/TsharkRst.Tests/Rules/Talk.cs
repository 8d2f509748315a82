using System.Net;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Rules;

/// <summary>Builds the rows of one TCP conversation packet by packet, keeping sequence and
/// acknowledgement numbers as real stacks would, so each rule can be tested from a handful of rows.</summary>
internal sealed class Talk
{
    public static readonly IPAddress ClientIp = IPAddress.Parse("192.0.2.10");
    public static readonly IPAddress ServerIp = IPAddress.Parse("198.51.100.10");
    public const int ClientPort = 40000;
    public const int ServerPort = 443;

    private readonly List<PacketRow> _rows = [];
    private readonly AddressProfiles _profiles = new();
    private DateTimeOffset _time = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private uint _clientSeq = 1000, _serverSeq = 5000;

    private readonly IPAddress _clientIp = ClientIp, _serverIp = ServerIp;
    private readonly int _serverTtl = 63;
    private readonly int? _ipId;

    private Talk(int serverTtl, int? ipId, bool loopback)
    {
        _serverTtl = serverTtl;
        _ipId = ipId;
        if (loopback)
            _clientIp = _serverIp = IPAddress.Loopback;
    }

    /// <summary>A conversation whose server packets arrive with <paramref name="serverTtl"/>, every packet
    /// carrying IP ID <paramref name="ipId"/> (none by default), between loopback addresses if asked.</summary>
    public static Talk Start(int serverTtl = 63, int? ipId = null, bool loopback = false) => new(serverTtl, ipId, loopback);

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public static Talk Handshake(int serverTtl = 63, int? ipId = null, bool loopback = false) => Start(serverTtl, ipId, loopback)
        .Client(TcpFlags.Syn)
        .Server(TcpFlags.Syn | TcpFlags.Ack)
        .Client(TcpFlags.Ack);

    public Talk Client(TcpFlags flags, int length = 0, double after = 0.001, Func<PacketRow, PacketRow>? change = null) =>
        Add(fromClient: true, flags, length, after, change);

    public Talk Server(TcpFlags flags, int length = 0, double after = 0.001, Func<PacketRow, PacketRow>? change = null) =>
        Add(fromClient: false, flags, length, after, change);

    /// <summary>The server's address answered another connection of the capture with this TTL.</summary>
    public Talk ServerSeenElsewhere(int ttl, string mac = "02:00:00:00:00:01")
    {
        _profiles.Add(new PacketRow
        {
            Frame = 0,
            Time = _time,
            Protocols = "eth:ethertype:ip:tcp",
            EthSource = mac,
            Ipv4Source = _serverIp,
            Ipv4Destination = _clientIp,
            Ttl = ttl,
            SourcePort = 80,
            DestinationPort = 41000,
            Flags = TcpFlags.Syn | TcpFlags.Ack,
            Seq = 1,
            Ack = 1,
        });
        return this;
    }

    public IReadOnlyList<PacketRow> Rows => _rows;

    public Connection Connection => ConnectionAssembly.Group(_rows).Single();

    public AddressProfiles Profiles => _profiles;

    public ResetSnapshot Snapshot => ResetSnapshot.Take(Connection) ?? throw new InvalidOperationException("no RST");

    public ResetFinding Diagnose(double idleThresholdSeconds = 5) =>
        ResetDiagnosis.Diagnose(Connection, new DiagnosisSettings { IdleThreshold = TimeSpan.FromSeconds(idleThresholdSeconds) },
            _profiles, []) ?? throw new InvalidOperationException("no RST");

    private Talk Add(bool fromClient, TcpFlags flags, int length, double after, Func<PacketRow, PacketRow>? change)
    {
        _time = _time.AddSeconds(after);
        var seq = fromClient ? _clientSeq : _serverSeq;
        var ack = fromClient ? _serverSeq : _clientSeq;
        var row = new PacketRow
        {
            Frame = _rows.Count + 1,
            Time = _time,
            Protocols = "eth:ethertype:ip:tcp",
            EthSource = fromClient ? "02:00:00:00:00:0a" : "02:00:00:00:00:01",
            Ipv4Source = fromClient ? _clientIp : _serverIp,
            Ipv4Destination = fromClient ? _serverIp : _clientIp,
            Ttl = fromClient ? 64 : _serverTtl,
            IpId = _ipId,
            SourcePort = fromClient ? ClientPort : ServerPort,
            DestinationPort = fromClient ? ServerPort : ClientPort,
            Flags = flags,
            Seq = seq,
            Ack = flags.HasFlag(TcpFlags.Ack) ? ack : 0,
            TcpLength = length,
            Window = flags.HasFlag(TcpFlags.Rst) ? 0 : 64240,
        };
        if (change is not null)
            row = change(row);
        var advance = (uint)(length + (flags.HasFlag(TcpFlags.Syn) ? 1 : 0) + (flags.HasFlag(TcpFlags.Fin) ? 1 : 0));
        if (fromClient)
            _clientSeq += advance;
        else
            _serverSeq += advance;
        _rows.Add(row);
        _profiles.Add(row);
        return this;
    }
}
