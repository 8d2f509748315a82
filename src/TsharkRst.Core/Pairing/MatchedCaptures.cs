namespace TsharkRst.Pairing;

/// <summary>Two captures' matched connections and what the packets both hold say about the path, seen from the first
/// capture (<see cref="Reversed"/>: from the other): which end it was taken at, and how the other's clock differs.
/// The packets are paired once for both views. Pure: no I/O.</summary>
public sealed class MatchedCaptures
{
    private readonly View _here;
    private readonly View _there;

    private sealed record View(IReadOnlyList<OutlineMatch> Matches, Vantage Sides, ClockEstimate? Clock);

    private MatchedCaptures(View here, View there) => (_here, _there) = (here, there);

    /// <summary>In the first capture's order.</summary>
    public IReadOnlyList<OutlineMatch> Matches => _here.Matches;

    public Vantage Sides => _here.Sides;

    public ClockEstimate? Clock => _here.Clock;

    public MatchedCaptures Reversed() => new(_there, _here);

    /// <param name="matches">in the first capture's order (<see cref="ConnectionMatcher.Match"/>)</param>
    public static MatchedCaptures Of(IReadOnlyList<OutlineMatch> matches, string hereName, string thereName)
    {
        var pairs = matches.Select(SegmentCorrespondence.PairsOf).ToList();
        // The other capture's view lists its connections in its order, and each one's packets in its order.
        var order = Enumerable.Range(0, matches.Count).OrderBy(i => matches[i].There.Number).ToList();
        return new MatchedCaptures(
            ViewOf(matches, pairs.SelectMany(p => p).ToList(), thereName),
            ViewOf(order.Select(i => matches[i].Reversed()).ToList(),
                order.SelectMany(i => pairs[i].Select(p => p.Reversed(matches[i].Swapped)).OrderBy(p => p.Here.Frame)).ToList(), hereName));
    }

    private static View ViewOf(IReadOnlyList<OutlineMatch> matches, List<SegmentPair> pairs, string otherName)
    {
        var sides = VantageRule.Judge(pairs, otherName);
        return new View(matches, sides, ClockEstimate.From(pairs, sides.Here));
    }
}
