using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Benchmark.Generation;

/// <summary>many-connections: 200,000 HTTP connections in 100 s from 250 clients (one in twelve over
/// IPv6) to three web servers, captured next to the servers: handshake, a request, a response, a FIN
/// close. About 3 % end in a RST instead: a closed port, a request the server resets, a client that
/// gives up after a few seconds without an answer.</summary>
internal static class ManyConnections
{
    public const int Connections = 200_000;

    private const long Spacing = 500_000; // nanoseconds between connection starts: 100 s in all
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const long RequestDelay = 20 * Microsecond;
    private const int Clients = 250;

    private static readonly (Peer V4, Peer V6, ushort Port)[] Servers =
    [
        (Peer.Local("198.51.100.10", 0x0200_0000_0110), Peer.Local("2001:db8:5::10", 0x0200_0000_0110), 80),
        (Peer.Local("198.51.100.11", 0x0200_0000_0111), Peer.Local("2001:db8:5::11", 0x0200_0000_0111), 80),
        (Peer.Local("198.51.100.12", 0x0200_0000_0112), Peer.Local("2001:db8:5::12", 0x0200_0000_0112), 8080),
    ];

    public static IEnumerable<IEnumerable<Segment>> Scripts(long start, Random random)
    {
        for (var i = 0; i < Connections; i++)
        {
            var at = start + i * Spacing + random.NextInt64(Spacing);
            var client = i % Clients;
            var kind = random.Next(100);
            var c = Connection(i, client, random, at, closedPort: kind == 0);
            // Each client has its own distance: 1 to 40 ms round trip.
            var rtt = (1 + client * 7 % 40) * Millisecond;
            var think = random.Next(200, 5000) * Microsecond;
            yield return kind switch
            {
                0 => ClosedPort(c, at),
                1 => RequestReset(c, at, rtt, think, i),
                2 => ClientGivesUp(c, at, rtt, random.Next(2000, 4000) * Millisecond, i),
                _ => Normal(c, at, rtt, think, i),
            };
        }
    }

    /// <param name="closedPort">Aimed at the server's 8443, where nothing listens: its RST/ACK has sequence number 0.</param>
    private static TcpConnection Connection(int i, int client, Random random, long at, bool closedPort)
    {
        var ipv6 = client % 12 == 0;
        // A third of the clients are Windows hosts (initial TTL 128), 8 to 20 routers away.
        var ttl = client % 3 == 0 ? 128 : 64;
        var peer = ipv6 ? Peer.Remote($"2001:db8:c1::{client + 1:x}", 64, 8 + client % 13) : Peer.Remote($"192.0.2.{client + 1}", ttl, 8 + client % 13);
        var server = Servers[i % Servers.Length];
        return new TcpConnection(peer, (ushort)(32768 + i / Clients % 28000), ipv6 ? server.V6 : server.V4, closedPort ? (ushort)8443 : server.Port,
            (uint)random.NextInt64(1L << 32), closedPort ? 0 : (uint)random.NextInt64(1L << 32), at);
    }

    private static IEnumerable<Segment> Normal(TcpConnection c, long at, long rtt, long think, int i)
    {
        foreach (var s in Handshake(c, at, rtt, i))
            yield return s;
        var t = at + rtt + RequestDelay;
        yield return c.Server(t += 30 * Microsecond, Ack);
        yield return c.Server(t += think, Psh | Ack, HttpPayloads.ShopResponse(i));
        yield return c.Client(t += rtt, Ack);
        yield return c.Client(t += 50 * Microsecond, Fin | Ack);
        yield return c.Server(t += 40 * Microsecond, Fin | Ack);
        yield return c.Client(t + rtt, Ack);
    }

    private static IEnumerable<Segment> ClosedPort(TcpConnection c, long at)
    {
        yield return c.Client(at, Syn);
        yield return c.Server(at + 40 * Microsecond, Rst | Ack);
    }

    private static IEnumerable<Segment> RequestReset(TcpConnection c, long at, long rtt, long think, int i)
    {
        foreach (var s in Handshake(c, at, rtt, i))
            yield return s;
        var t = at + rtt + RequestDelay;
        yield return c.Server(t + think, Rst | Ack);
    }

    private static IEnumerable<Segment> ClientGivesUp(TcpConnection c, long at, long rtt, long patience, int i)
    {
        foreach (var s in Handshake(c, at, rtt, i))
            yield return s;
        var t = at + rtt + RequestDelay;
        yield return c.Server(t += 30 * Microsecond, Ack);
        yield return c.Client(t + patience, Rst | Ack);
    }

    /// <summary>SYN, SYN-ACK, ACK and the request, the last at <c>at + rtt + RequestDelay</c>.</summary>
    private static IEnumerable<Segment> Handshake(TcpConnection c, long at, long rtt, int i)
    {
        yield return c.Client(at, Syn);
        yield return c.Server(at + 30 * Microsecond, Syn | Ack);
        yield return c.Client(at + rtt, Ack);
        yield return c.Client(at + rtt + RequestDelay, Psh | Ack, HttpPayloads.ShopRequest(i));
    }
}
