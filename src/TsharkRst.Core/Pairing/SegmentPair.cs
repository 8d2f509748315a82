using TsharkRst.Connections;

namespace TsharkRst.Pairing;

/// <summary>One packet seen in both captures. <see cref="Unique"/>: no other packet of the connection
/// looks the same (a retransmission would make its timing ambiguous).</summary>
public readonly record struct SegmentPair(Segment Here, Segment There, bool FromClient, bool Unique)
{
    /// <summary>Its time in the other capture minus its time here, in seconds.</summary>
    public double Difference => (There.Time - Here.Time).Ticks / (double)TimeSpan.TicksPerSecond;
}
