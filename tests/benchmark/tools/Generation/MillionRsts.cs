using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Benchmark.Generation;

/// <summary>million-rsts: exactly 1,000,000 RSTs in a minute of a data centre edge link, captured next
/// to the servers: 500,000 closed-port SYN → RST/ACK pairs from three scanners (one over IPv6);
/// 100,000 downloads the server aborts mid-response (its RST, then a RST for each of the client's
/// ACKs still in flight: 3 each); 25,000 connections an intrusion-prevention device kills with a
/// spray of 8 forged RSTs across the window, in both sides' names.</summary>
internal static class MillionRsts
{
    public const int Connections = 625_000;

    /// <summary>Of every 25 connections: 1 sprayed, 4 aborted downloads, 20 closed-port probes.</summary>
    private const int Block = 25;

    private const long Spacing = 96_000; // nanoseconds between connection starts: 60 s in all
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const ulong IpsMac = 0x0200_0000_00FE;

    private static readonly Peer[] Scanners =
    [
        Peer.Remote("203.0.113.66", 64, 17), // nmap -sS
        Peer.Remote("203.0.113.99", 255, 14), // masscan's crafted TTL
        Peer.Remote("2001:db8:bad::66", 64, 15),
    ];

    private static readonly Peer[] Targets = Hosts(i => $"198.51.100.{i + 1}", 254, 0x0200_0000_0200);
    private static readonly Peer[] Targets6 = Hosts(i => $"2001:db8:100::{i + 1:x}", 254, 0x0200_0000_0300);
    private static readonly Peer Files = Peer.Local("198.51.100.80", 0x0200_0000_0150);
    private static readonly Peer Files6 = Peer.Local("2001:db8:5::80", 0x0200_0000_0150);
    private static readonly Peer Web = Peer.Local("198.51.100.30", 0x0200_0000_0130);
    private static readonly Peer Web6 = Peer.Local("2001:db8:5::30", 0x0200_0000_0130);

    public static IEnumerable<IEnumerable<Segment>> Scripts(long start, Random random)
    {
        for (var i = 0; i < Connections; i++)
        {
            // Jitter within the spacing keeps the starts in order, which the timeline needs.
            var at = start + i * Spacing + random.NextInt64(Spacing);
            var (block, slot) = Math.DivRem(i, Block);
            var isn = (uint)random.NextInt64(1L << 32);
            yield return slot switch
            {
                0 => Sprayed(block, at, isn, (uint)random.NextInt64(1L << 32), random.Next(2, 60) * Millisecond),
                <= 4 => AbortedDownload(block * 4 + slot - 1, at, isn, (uint)random.NextInt64(1L << 32),
                    random.Next(2, 60) * Millisecond, random.Next(1, 20) * Millisecond),
                _ => ClosedPort(block * 20 + slot - 5, at, isn, random.Next(30, 200) * Microsecond),
            };
        }
    }

    /// <summary>A scanner's SYN and the target's RST/ACK: port-closed.</summary>
    private static IEnumerable<Segment> ClosedPort(int probe, long at, uint isn, long answerAfter)
    {
        var scanner = probe % 10 switch { < 6 => 0, < 9 => 1, _ => 2 };
        var target = scanner == 2 ? Targets6[probe % 254] : Targets[probe % 254];
        // Each scanner probes from one source port; the targets and ports make every connection new.
        var port = (ushort)(1 + probe / 254 % 65535);
        var c = new TcpConnection(Scanners[scanner], (ushort)(57000 + scanner), target, port, isn, 0, at, scanner: true);
        yield return c.Client(at, Syn);
        yield return c.Server(at + answerAfter, Rst | Ack);
    }

    /// <summary>A CSV download the server aborts after three segments, then answers each of the
    /// client's late ACKs with another RST: response-aborted, 3 RSTs.</summary>
    private static IEnumerable<Segment> AbortedDownload(int n, long at, uint clientIsn, uint serverIsn, long rtt, long think)
    {
        var ipv6 = n % 10 == 3;
        var client = ipv6 ? Peer.Remote($"2001:db8:c::{n % 200 + 1:x}", 64, 6 + n % 11) : Peer.Remote($"192.0.2.{n % 200 + 1}", 64, 6 + n % 11);
        var c = new TcpConnection(client, (ushort)(32768 + n / 200 % 28000), ipv6 ? Files6 : Files, 80, clientIsn, serverIsn, at);
        yield return c.Client(at, Syn);
        yield return c.Server(at + 30 * Microsecond, Syn | Ack);
        var t = at + rtt;
        yield return c.Client(t, Ack);
        yield return c.Client(t += 20 * Microsecond, Psh | Ack, HttpPayloads.ExportRequest(n));
        yield return c.Server(t += 40 * Microsecond, Ack);
        var data = new Segment[3];
        for (var k = 0; k < 3; k++)
            yield return data[k] = c.Server(t += k == 0 ? think : 15 * Microsecond, k == 2 ? Psh | Ack : Ack, HttpPayloads.ExportSegment(k));
        yield return c.Server(t + 50 * Microsecond, Rst | Ack);
        var late = c.Client(data[1].Nanoseconds + rtt, Ack, ack: End(data[1]));
        yield return late;
        yield return c.ServerResetFor(late.Nanoseconds + 20 * Microsecond, late);
        late = c.Client(data[2].Nanoseconds + rtt + 40 * Microsecond, Ack, ack: End(data[2]));
        yield return late;
        yield return c.ServerResetFor(late.Nanoseconds + 20 * Microsecond, late);
    }

    /// <summary>An attack-looking request an IPS kills with 8 forged RSTs (4 each way, stepped across
    /// the window, its own TTL and MAC); the server's answer races them: middlebox-injection.</summary>
    private static IEnumerable<Segment> Sprayed(int n, long at, uint clientIsn, uint serverIsn, long rtt)
    {
        var ipv6 = n % 10 == 7;
        var client = ipv6 ? Peer.Remote($"2001:db8:a::{n % 50 + 1:x}", 128, 9 + n % 7) : Peer.Remote($"192.0.2.{201 + n % 50}", 128, 9 + n % 7);
        var c = new TcpConnection(client, (ushort)(49152 + n / 50 % 16000), ipv6 ? Web6 : Web, 80, clientIsn, serverIsn, at);
        yield return c.Client(at, Syn);
        yield return c.Server(at + 30 * Microsecond, Syn | Ack);
        var t = at + rtt;
        yield return c.Client(t, Ack);
        yield return c.Client(t += 20 * Microsecond, Psh | Ack, HttpPayloads.AttackRequest(n));
        yield return c.Server(t += 40 * Microsecond, Ack);
        for (var k = 0u; k < 8; k++)
            yield return c.Forged(t += 10 * Microsecond, inClientsName: k % 2 == 1, ahead: k / 2 * 16_064, ttl: 64, IpsMac, (ushort)(n * 8 + k));
        yield return c.Server(t + 200 * Microsecond, Psh | Ack, HttpPayloads.NotFound);
    }

    private static uint End(Segment s) => unchecked(s.Seq + (uint)s.Payload.Length);

    private static Peer[] Hosts(Func<int, string> address, int count, ulong firstMac) =>
        Enumerable.Range(0, count).Select(i => Peer.Local(address(i), firstMac + (ulong)i)).ToArray();
}
