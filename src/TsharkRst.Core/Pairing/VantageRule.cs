using System.Globalization;
using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>Tells which capture is at which end of the path from the packets both saw. A router
/// lowers a packet's TTL / hop limit, so the capture where a packet's count is higher is nearer its
/// sender. And a packet is captured first where it was sent: the client's packets reach the
/// server-side capture later than they pass the client-side one, the server's the other way round,
/// whatever the two clocks say. When neither tells, or they disagree, the answer is unknown.</summary>
public static class VantageRule
{
    public static Vantage Judge(IReadOnlyList<SegmentPair> pairs, string thereName)
    {
        if (pairs.Count == 0)
            return new Vantage(Side.Unknown, $"no packet is in both this capture and {thereName}, so which end each was taken at cannot be told");
        var byHops = ByHopCount(pairs, out var hopWords);
        var byTiming = ByTiming(pairs, out var timingWords);
        if (byHops is { } h && byTiming is { } t && h != t)
            return new Vantage(Side.Unknown,
                $"which end each capture was taken at cannot be told: TTLs put this capture at the {Name(h)}'s end ({hopWords}), timing at the {Name(t)}'s ({timingWords})");
        if ((byHops ?? byTiming) is not { } side)
            return new Vantage(Side.Unknown,
                $"which end each capture was taken at cannot be told: the packets both saw carry the same TTLs in both and their timing overlaps");
        var reasons = string.Join(", and ", new[] { hopWords, timingWords }.Where(w => w is not null));
        return new Vantage(side, $"this is the {Name(side)}-side capture and {thereName} the {Name(Opposite(side))}-side one: {reasons}");
    }

    /// <summary>Every packet whose hop count differs between the captures votes; a split vote decides nothing.</summary>
    private static Side? ByHopCount(IReadOnlyList<SegmentPair> pairs, out string? words)
    {
        words = null;
        var votes = pairs
            .Where(p => p.Here.HopCount is { } a && p.There.HopCount is { } b && a != b)
            .Select(p => (Side: (p.Here.HopCount > p.There.HopCount) == p.FromClient ? Side.Client : Side.Server, Pair: p))
            .ToList();
        if (votes.Count == 0 || votes.Any(v => v.Side != votes[0].Side))
            return null;
        var example = votes.Select(v => v.Pair).Where(p => p.FromClient).DefaultIfEmpty(votes[0].Pair).First();
        var name = example.Here.IsIpv6 ? "hop limit" : "TTL";
        words = $"the {(example.FromClient ? "client" : "server")}'s packets carry {name} {N(example.Here.HopCount!.Value)} here and {N(example.There.HopCount!.Value)} there";
        return votes[0].Side;
    }

    /// <summary>Client packets all arriving there later (relative to the clocks) than every server packet does means this side is the client's.</summary>
    private static Side? ByTiming(IReadOnlyList<SegmentPair> pairs, out string? words)
    {
        words = null;
        var fromClient = pairs.Where(p => p.Unique && p.FromClient).Select(p => p.Difference).ToList();
        var fromServer = pairs.Where(p => p.Unique && !p.FromClient).Select(p => p.Difference).ToList();
        if (fromClient.Count == 0 || fromServer.Count == 0)
            return null;
        if (fromClient.Min() > fromServer.Max())
        {
            words = "the client's packets are captured here first and the server's there first";
            return Side.Client;
        }
        if (fromClient.Max() < fromServer.Min())
        {
            words = "the server's packets are captured here first and the client's there first";
            return Side.Server;
        }
        return null;
    }

    private static Side Opposite(Side side) => side == Side.Client ? Side.Server : Side.Client;

    private static string Name(Side side) => side == Side.Client ? "client" : "server";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
