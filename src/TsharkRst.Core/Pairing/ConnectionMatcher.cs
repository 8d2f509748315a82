using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>Finds each connection of one capture in the other, most certain way first:
/// <list type="number">
/// <item>the same endpoints, with the same initial sequence numbers, or sharing a packet when a
/// capture missed the handshake (a 4-tuple reused later is another connection);</item>
/// <item>the same initial sequence numbers, or at least two identical packets, whatever the
/// addresses: NAT rewrites addresses and ports, not sequence numbers;</item>
/// <item>the same payload lengths in the same order, once each way, at a time that agrees with the
/// clock offset the other matches give (a device that also rewrites sequence numbers).</item>
/// </list>
/// Each connection is matched at most once. Pure: no I/O.</summary>
public static class ConnectionMatcher
{
    /// <summary>Data segments compared for a match by payload lengths.</summary>
    private const int PayloadSegments = 8;

    /// <summary>How far a match by payload lengths may start from where the clock offset puts it.</summary>
    private const double PayloadTimingTolerance = 0.5;

    private readonly record struct Signature(uint Seq, uint Ack, int Length, TcpFlags Flags);

    public static IReadOnlyList<ConnectionMatch> Match(IReadOnlyList<Connection> here, IReadOnlyList<Connection> there)
    {
        var matches = new List<ConnectionMatch>();
        var matched = new HashSet<Connection>();
        var freeThere = new HashSet<Connection>(there);
        var byEndpoints = there.ToLookup(t => ConnectionKey.Of(t.Client, t.Server));
        void Add(Connection h, Connection t, MatchBasis by, bool swapped)
        {
            freeThere.Remove(t);
            matched.Add(h);
            matches.Add(new ConnectionMatch(h, t, by, swapped, swapped ? 0 : Shift(ClientIsn(h), ClientIsn(t)),
                swapped ? 0 : Shift(ServerIsn(h), ServerIsn(t))));
        }

        foreach (var h in here)
        {
            var candidate = byEndpoints[ConnectionKey.Of(h.Client, h.Server)]
                .FirstOrDefault(t => freeThere.Contains(t) && (SameStart(h, t) ?? SharesPacket(h, t)));
            if (candidate is not null)
                Add(h, candidate, MatchBasis.Endpoints, !Equals(h.Client, candidate.Client));
        }

        var signatures = Signatures(there.Where(freeThere.Contains));
        foreach (var h in here.Where(h => !matched.Contains(h)))
        {
            var best = Shared(h, signatures, freeThere).GroupBy(s => s.There).OrderByDescending(g => g.Count()).FirstOrDefault();
            if (best is null || (best.Count() < 2 && !best.Any(s => s.Packet.Has(TcpFlags.Syn))))
                continue;
            Add(h, best.Key, MatchBasis.SequenceNumbers, best.Count(s => h.IsFromClient(s.Packet) != best.Key.IsFromClient(s.ThereRow)) * 2 > best.Count());
        }

        matches.AddRange(ByPayloadAndTiming(here.Where(h => !matched.Contains(h)).ToList(), freeThere, matches));
        var order = here.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return matches.OrderBy(m => order[m.Here]).ToList();
    }

    /// <summary>True when both captured the client's SYN (or, lacking it, the SYN-ACK) and its number
    /// agrees, false when it disagrees, null when a capture missed the handshake.</summary>
    private static bool? SameStart(Connection h, Connection t)
    {
        if (ClientIsn(h) is { } a && ClientIsn(t) is { } b)
            return a == b;
        if (ServerIsn(h) is { } c && ServerIsn(t) is { } d)
            return c == d;
        return null;
    }

    private static uint Shift(uint? here, uint? there) => here is { } a && there is { } b ? unchecked(b - a) : 0;

    private static uint? ClientIsn(Connection c) =>
        c.Packets.FirstOrDefault(p => p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Ack) && c.IsFromClient(p))?.Seq;

    private static uint? ServerIsn(Connection c) =>
        c.Packets.FirstOrDefault(p => p.Has(TcpFlags.Syn | TcpFlags.Ack) && !c.IsFromClient(p))?.Seq;

    /// <summary>Every packet of the other capture by what it carries: random 32-bit sequence and
    /// acknowledgement numbers make a shared packet a shared connection.</summary>
    private static Dictionary<Signature, (Connection There, PacketRow Row)> Signatures(IEnumerable<Connection> there)
    {
        var signatures = new Dictionary<Signature, (Connection, PacketRow)>();
        foreach (var t in there)
            foreach (var p in t.Packets)
                if (SignatureOf(p) is { } s)
                    signatures.TryAdd(s, (t, p));
        return signatures;
    }

    /// <summary>Null for packets whose numbers are too plain to identify anything (zero sequence and acknowledgement).</summary>
    private static Signature? SignatureOf(PacketRow p) =>
        p.Seq is { } seq && (seq != 0 || p.Ack.GetValueOrDefault() != 0)
            ? new Signature(seq, p.Has(TcpFlags.Ack) ? p.Ack.GetValueOrDefault() : 0, p.PayloadLength,
                (p.Flags ?? TcpFlags.None) & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack))
            : null;

    private static bool SharesPacket(Connection h, Connection t)
    {
        var theirs = t.Packets.Select(SignatureOf).OfType<Signature>().ToHashSet();
        return h.Packets.Any(p => SignatureOf(p) is { } s && theirs.Contains(s));
    }

    private static List<(PacketRow Packet, Connection There, PacketRow ThereRow)> Shared(
        Connection h, Dictionary<Signature, (Connection There, PacketRow Row)> signatures, HashSet<Connection> free)
    {
        var shared = new List<(PacketRow, Connection, PacketRow)>();
        foreach (var p in h.Packets)
            if (SignatureOf(p) is { } s && signatures.TryGetValue(s, out var found) && free.Contains(found.There))
                shared.Add((p, found.There, found.Row));
        return shared;
    }

    /// <summary>The last resort: connections with the same distinctive run of payload lengths, one on
    /// each side, starting when the clock offset of the other matches says they should (or, with no
    /// other match, at least two such connections agreeing with each other).</summary>
    private static List<ConnectionMatch> ByPayloadAndTiming(List<Connection> here, HashSet<Connection> freeThere, List<ConnectionMatch> anchors)
    {
        var hereRuns = here.Select(c => (Connection: c, Run: PayloadRun(c))).Where(x => x.Run is not null).ToList();
        var thereRuns = freeThere.Select(c => (Connection: c, Run: PayloadRun(c))).Where(x => x.Run is not null).ToList();
        var candidates = new List<(Connection Here, Connection There, double Start)>();
        foreach (var group in hereRuns.GroupBy(x => x.Run!.Value.Lengths))
        {
            var others = thereRuns.Where(x => x.Run!.Value.Lengths == group.Key).ToList();
            if (group.Count() != 1 || others.Count != 1)
                continue;
            var h = group.Single();
            var t = others[0];
            candidates.Add((h.Connection, t.Connection, (t.Run!.Value.First.Time - h.Run!.Value.First.Time).TotalSeconds));
        }
        if (candidates.Count == 0)
            return [];

        var clock = ClockEstimate.From(anchors.SelectMany(m => PacketCorrespondence.Of(m).Pairs), Side.Unknown);
        double expected;
        if (clock is not null)
            expected = clock.OffsetSeconds;
        else if (candidates.Count >= 2)
            expected = candidates.Select(c => c.Start).Order().ElementAt(candidates.Count / 2);
        else
            return [];
        var agreeing = candidates.Where(c => Math.Abs(c.Start - expected) <= PayloadTimingTolerance).ToList();
        if (clock is null && agreeing.Count < 2)
            return [];
        return agreeing.Select(c => new ConnectionMatch(c.Here, c.There, MatchBasis.PayloadAndTiming, false,
            DataShift(c.Here, c.There, fromClient: true), DataShift(c.Here, c.There, fromClient: false))).ToList();
    }

    /// <summary>The first data segments as "C120 S1448 …", and the first of them; null when too few to tell connections apart.</summary>
    private static (string Lengths, PacketRow First)? PayloadRun(Connection c)
    {
        var seen = new HashSet<(bool, uint)>();
        var data = c.Packets
            .Where(p => p.PayloadLength > 0 && !p.Retransmission && seen.Add((c.IsFromClient(p), p.Seq.GetValueOrDefault())))
            .Take(PayloadSegments)
            .ToList();
        if (data.Count < 2)
            return null;
        return (string.Join(' ', data.Select(p => (c.IsFromClient(p) ? "C" : "S") + p.PayloadLength)), data[0]);
    }

    /// <summary>What the path added to one side's sequence numbers: the difference between its first data segments.</summary>
    private static uint DataShift(Connection h, Connection t, bool fromClient)
    {
        var a = h.Packets.FirstOrDefault(p => p.PayloadLength > 0 && h.IsFromClient(p) == fromClient)?.Seq;
        var b = t.Packets.FirstOrDefault(p => p.PayloadLength > 0 && t.IsFromClient(p) == fromClient)?.Seq;
        return a is { } x && b is { } y ? unchecked(y - x) : 0;
    }
}
