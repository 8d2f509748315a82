using TsharkRst.Connections;

namespace TsharkRst.Pairing;

/// <summary>One capture as a place on the path: its name and path, its TCP connections and the time
/// it covers (its first and last packet).</summary>
public sealed record VantagePoint(string Name, string Path, IReadOnlyList<Connection> Connections, DateTimeOffset? First, DateTimeOffset? Last)
{
    /// <summary>True when the capture was running at <paramref name="time"/> (on its own clock).</summary>
    public bool Covers(DateTimeOffset time) => First <= time && time <= Last;
}
