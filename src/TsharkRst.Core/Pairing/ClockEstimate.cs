using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>How far the other capture's clock is ahead of this one's (<see cref="OffsetSeconds"/>:
/// subtract it from a time there to put it on this capture's axis), and the one-way delay between
/// the two capture points, from the packets both saw.</summary>
/// <remarks>NTP's estimate: a packet sent from this side arrives there at t + offset + delay, one
/// sent from there arrives here at t - offset + delay. The quickest packet each way carries the
/// least queueing, so offset = (min there-minus-here of packets going there − min here-minus-there
/// of packets coming here) / 2, assuming the path's minimum delay is the same both ways.</remarks>
public sealed record ClockEstimate(double OffsetSeconds, double? OneWayDelaySeconds, int Samples)
{
    /// <param name="pairs">packets seen in both captures; only unambiguous ones (no look-alike copies) are used</param>
    /// <param name="hereSide">the side of the path this capture is at, or <see cref="Side.Unknown"/></param>
    public static ClockEstimate? From(IEnumerable<SegmentPair> pairs, Side hereSide)
    {
        var usable = pairs.Where(p => p.Unique).ToList();
        if (usable.Count == 0)
            return null;
        var fromClient = usable.Where(p => p.FromClient).Select(p => p.Difference).Order().ToList();
        var fromServer = usable.Where(p => !p.FromClient).Select(p => p.Difference).Order().ToList();
        if (fromClient.Count == 0 || fromServer.Count == 0)
            return new ClockEstimate(Round(Median(fromClient.Concat(fromServer).Order().ToList())), null, usable.Count);
        if (hereSide == Side.Unknown)
            return new ClockEstimate(Round((Median(fromClient) + Median(fromServer)) / 2), null, usable.Count);

        // Packets going from this side to the other: their there-minus-here is offset + delay.
        var outbound = hereSide == Side.Client ? fromClient : fromServer;
        var inbound = hereSide == Side.Client ? fromServer : fromClient;
        var toThere = outbound[0];
        var toHere = -inbound[^1];
        var delay = (toThere + toHere) / 2;
        return new ClockEstimate(Round((toThere - toHere) / 2), delay >= 0 ? Round(delay) : null, usable.Count);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Capture timestamps are microseconds or nanoseconds; a tenth of a microsecond is plenty.</summary>
    private static double Round(double seconds) => Math.Round(seconds, 7);
}
