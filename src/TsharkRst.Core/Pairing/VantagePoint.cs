using TsharkRst.Connections;

namespace TsharkRst.Pairing;

/// <summary>One capture as a place on the path: its name and path, every TCP connection's outline, the connections
/// tshark dissected by their numbers (every one with --full, else the reset ones and their matches), the time it
/// covers (from its first packet until its last packet or, when the file records it, until the capture stopped),
/// and the packets the capturing program says it dropped (null: not recorded).</summary>
public sealed record VantagePoint(
    string Name,
    string Path,
    IReadOnlyList<ConnectionOutline> Outlines,
    IReadOnlyDictionary<int, Connection> Dissected,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    public long? Dropped { get; init; }

    /// <summary>True when the capture was running at <paramref name="time"/> (on its own clock).</summary>
    public bool Covers(DateTimeOffset time) => First <= time && time <= Last;
}
