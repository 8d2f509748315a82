using TsharkRst.Rows;

namespace TsharkRst.Benchmark.Generation;

/// <summary>One generated TCP connection: keeps each side's next sequence number, IP ID and timestamp
/// clock, so every segment a script sends carries the numbers a real stack would.</summary>
internal sealed class TcpConnection
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    private readonly Side _client;
    private readonly Side _server;
    private readonly long _start;
    private readonly bool _scanner;

    /// <param name="scanner">The client is a SYN scanner: MSS-only SYNs with a small window, as nmap sends them.</param>
    public TcpConnection(Peer client, ushort clientPort, Peer server, ushort serverPort, uint clientIsn, uint serverIsn, long start,
        bool scanner = false)
    {
        _client = new Side(client, clientPort, clientIsn, (ushort)(clientIsn >> 16), clientIsn ^ 0x5A5A_5A5A);
        _server = new Side(server, serverPort, serverIsn, (ushort)serverIsn, serverIsn ^ 0xA5A5_A5A5);
        _start = start;
        _scanner = scanner;
    }

    /// <summary>The client's next segment; <paramref name="ack"/> when it acknowledges less than all the server sent.</summary>
    public Segment Client(long at, TcpFlags flags, ReadOnlyMemory<byte> payload = default, uint? ack = null) =>
        Send(_client, _server, at, flags, payload, null, ack);

    public Segment Server(long at, TcpFlags flags, ReadOnlyMemory<byte> payload = default) => Send(_server, _client, at, flags, payload, null, null);

    /// <summary>The server's RST for a segment that reached a socket it has already reset: no ACK, and
    /// the sequence number that segment acknowledged (RFC 9293, 3.10.7.1).</summary>
    public Segment ServerResetFor(long at, Segment stray) => Send(_server, _client, at, TcpFlags.Rst, default, stray.Ack, null);

    /// <summary>A RST a device on the path forges in one side's name, <paramref name="ahead"/> bytes past
    /// that side's next sequence number (a spray covers the window), with the device's own TTL and MAC.</summary>
    public Segment Forged(long at, bool inClientsName, uint ahead, byte ttl, ulong mac, ushort ipId)
    {
        var (from, to) = inClientsName ? (_client, _server) : (_server, _client);
        return new Segment(at, from.Peer, from.Port, to.Peer, to.Port, TcpFlags.Rst | TcpFlags.Ack, unchecked(from.Next + ahead), to.Next,
            0, ipId, ttl, mac, SegmentOptions.None, 0, 0, default);
    }

    private Segment Send(Side from, Side to, long at, TcpFlags flags, ReadOnlyMemory<byte> payload, uint? seq, uint? ack)
    {
        var syn = (flags & TcpFlags.Syn) != 0;
        var rst = (flags & TcpFlags.Rst) != 0;
        var options = rst ? SegmentOptions.None : syn ? (_scanner && from == _client ? SegmentOptions.ScannerSyn : SegmentOptions.Syn) : SegmentOptions.Timestamps;
        var window = rst ? (ushort)0 : syn ? (_scanner && from == _client ? (ushort)1024 : from == _client ? (ushort)64240 : (ushort)65160) : (ushort)502;
        // Linux sends its RSTs with IP ID 0; other segments count up from a per-socket start.
        var ipId = rst ? (ushort)0 : from.IpId++;
        var tsVal = unchecked(from.Clock + (uint)((at - _start) / NanosecondsPerMillisecond));
        var segment = new Segment(at, from.Peer, from.Port, to.Peer, to.Port, flags, seq ?? from.Next,
            (flags & TcpFlags.Ack) != 0 ? ack ?? to.Next : 0, window, ipId, from.Peer.Ttl, from.Peer.Mac, options, tsVal, to.LastTsVal, payload);
        from.LastTsVal = tsVal;
        if (seq is null)
            from.Next = unchecked(from.Next + (uint)payload.Length + (syn ? 1u : 0) + ((flags & TcpFlags.Fin) != 0 ? 1u : 0));
        return segment;
    }

    /// <summary>One end: where it is, its next sequence number, IP ID and timestamp clock.</summary>
    private sealed class Side(Peer peer, ushort port, uint isn, ushort ipId, uint clock)
    {
        public Peer Peer { get; } = peer;
        public ushort Port { get; } = port;
        public uint Next { get; set; } = isn;
        public ushort IpId { get; set; } = ipId;
        public uint Clock { get; } = clock;
        public uint LastTsVal { get; set; }
    }
}
