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
/// Each connection is matched at most once. Pure: no I/O. It reads outlines, so a pair is matched the same from
/// the triage pass as from tshark's rows.</summary>
public static class ConnectionMatcher
{
    /// <summary>Data segments compared for a match by payload lengths.</summary>
    private const int PayloadSegments = 8;

    /// <summary>How far a match by payload lengths may start from where the clock offset puts it.</summary>
    private const double PayloadTimingTolerance = 0.5;

    private readonly record struct Signature(uint Seq, uint Ack, int Length, TcpFlags Flags);

    public static IReadOnlyList<OutlineMatch> Match(IReadOnlyList<ConnectionOutline> here, IReadOnlyList<ConnectionOutline> there)
    {
        var matches = new List<OutlineMatch>();
        var matched = new HashSet<ConnectionOutline>();
        var freeThere = new HashSet<ConnectionOutline>(there);
        var byEndpoints = there.ToLookup(t => ConnectionKey.Of(t.Client, t.Server));
        void Add(ConnectionOutline h, ConnectionOutline t, MatchBasis by, bool swapped)
        {
            freeThere.Remove(t);
            matched.Add(h);
            matches.Add(new OutlineMatch(h, t, by, swapped, swapped ? 0 : Shift(ClientIsn(h), ClientIsn(t)),
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
            Add(h, best.Key, MatchBasis.SequenceNumbers, best.Count(s => s.Packet.FromClient != s.ThereRow.FromClient) * 2 > best.Count());
        }

        matches.AddRange(ByPayloadAndTiming(here.Where(h => !matched.Contains(h)).ToList(), freeThere, matches));
        var order = here.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return matches.OrderBy(m => order[m.Here]).ToList();
    }

    /// <summary>True when both captured the client's SYN (or, lacking it, the SYN-ACK) and its number
    /// agrees, false when it disagrees, null when a capture missed the handshake.</summary>
    private static bool? SameStart(ConnectionOutline h, ConnectionOutline t)
    {
        if (ClientIsn(h) is { } a && ClientIsn(t) is { } b)
            return a == b;
        if (ServerIsn(h) is { } c && ServerIsn(t) is { } d)
            return c == d;
        return null;
    }

    private static uint Shift(uint? here, uint? there) => here is { } a && there is { } b ? unchecked(b - a) : 0;

    private static uint? ClientIsn(ConnectionOutline c) => FirstSeq(c, p => p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Ack) && p.FromClient);

    private static uint? ServerIsn(ConnectionOutline c) => FirstSeq(c, p => p.Has(TcpFlags.Syn | TcpFlags.Ack) && !p.FromClient);

    private static uint? FirstSeq(ConnectionOutline c, Func<Segment, bool> which)
    {
        foreach (var p in c.Segments)
            if (which(p))
                return p.Seq;
        return null;
    }

    /// <summary>Every packet of the other capture by what it carries: random 32-bit sequence and
    /// acknowledgement numbers make a shared packet a shared connection.</summary>
    private static Dictionary<Signature, (ConnectionOutline There, Segment Row)> Signatures(IEnumerable<ConnectionOutline> there)
    {
        var signatures = new Dictionary<Signature, (ConnectionOutline, Segment)>();
        foreach (var t in there)
            foreach (var p in t.Segments)
                if (SignatureOf(p) is { } s)
                    signatures.TryAdd(s, (t, p));
        return signatures;
    }

    /// <summary>Null for packets whose numbers are too plain to identify anything (zero sequence and acknowledgement).</summary>
    private static Signature? SignatureOf(Segment p) =>
        p.Seq != 0 || p.Ack != 0
            ? new Signature(p.Seq, p.Has(TcpFlags.Ack) ? p.Ack : 0, p.Length, p.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack))
            : null;

    private static bool SharesPacket(ConnectionOutline h, ConnectionOutline t)
    {
        var theirs = t.Segments.Select(SignatureOf).OfType<Signature>().ToHashSet();
        return h.Segments.Any(p => SignatureOf(p) is { } s && theirs.Contains(s));
    }

    private static List<(Segment Packet, ConnectionOutline There, Segment ThereRow)> Shared(
        ConnectionOutline h, Dictionary<Signature, (ConnectionOutline There, Segment Row)> signatures, HashSet<ConnectionOutline> free)
    {
        var shared = new List<(Segment, ConnectionOutline, Segment)>();
        foreach (var p in h.Segments)
            if (SignatureOf(p) is { } s && signatures.TryGetValue(s, out var found) && free.Contains(found.There))
                shared.Add((p, found.There, found.Row));
        return shared;
    }

    /// <summary>The last resort: connections with the same distinctive run of payload lengths, one on
    /// each side, starting when the clock offset of the other matches says they should (or, with no
    /// other match, at least two such connections agreeing with each other).</summary>
    private static List<OutlineMatch> ByPayloadAndTiming(List<ConnectionOutline> here, HashSet<ConnectionOutline> freeThere, List<OutlineMatch> anchors)
    {
        var hereRuns = here.Select(c => (Connection: c, Run: PayloadRun(c))).Where(x => x.Run is not null).ToList();
        var thereRuns = freeThere.Select(c => (Connection: c, Run: PayloadRun(c))).Where(x => x.Run is not null).ToList();
        var candidates = new List<(ConnectionOutline Here, ConnectionOutline There, double Start)>();
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

        var clock = ClockEstimate.From(anchors.SelectMany(SegmentCorrespondence.PairsOf), Side.Unknown);
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
        return agreeing.Select(c => new OutlineMatch(c.Here, c.There, MatchBasis.PayloadAndTiming, false,
            DataShift(c.Here, c.There, fromClient: true), DataShift(c.Here, c.There, fromClient: false))).ToList();
    }

    /// <summary>The first data segments that carry new data (a retransmission, even cut differently, is left out:
    /// one capture may hold it and the other not) as "C120 S1448 …", and the first of them; null when too few to tell
    /// connections apart.</summary>
    private static (string Lengths, Segment First)? PayloadRun(ConnectionOutline c)
    {
        var data = new List<Segment>();
        uint? clientEnd = null, serverEnd = null;
        foreach (var p in c.Segments)
        {
            if (p.Length == 0)
                continue;
            ref var end = ref p.FromClient ? ref clientEnd : ref serverEnd;
            if (end is { } reached && (int)unchecked(p.Seq - reached) < 0)
                continue;
            end = unchecked(p.Seq + (uint)p.Length);
            data.Add(p);
            if (data.Count == PayloadSegments)
                break;
        }
        if (data.Count < 2)
            return null;
        return (string.Join(' ', data.Select(p => (p.FromClient ? "C" : "S") + p.Length)), data[0]);
    }

    /// <summary>What the path added to one side's sequence numbers: the difference between its first data segments.</summary>
    private static uint DataShift(ConnectionOutline h, ConnectionOutline t, bool fromClient) =>
        FirstSeq(h, p => p.Length > 0 && p.FromClient == fromClient) is { } x && FirstSeq(t, p => p.Length > 0 && p.FromClient == fromClient) is { } y
            ? unchecked(y - x)
            : 0;
}
