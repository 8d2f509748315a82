using TsharkRst.Connections;

namespace TsharkRst.Pairing;

/// <summary>One packet seen in both captures. <see cref="Unique"/>: no other packet of the connection
/// looks the same (a retransmission would make its timing ambiguous).</summary>
public readonly record struct SegmentPair(Segment Here, Segment There, bool FromClient, bool Unique)
{
    /// <summary>Its time in the other capture minus its time here, in seconds.</summary>
    public double Difference => (There.Time - Here.Time).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>The same pair seen from the other capture; <paramref name="swapped"/>: the captures disagree on which end is the client.</summary>
    public SegmentPair Reversed(bool swapped) => new(There, Here, FromClient != swapped, Unique);
}
