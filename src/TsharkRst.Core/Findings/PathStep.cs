
namespace TsharkRst.Findings;

/// <summary>One packet of a connection as both captures saw it, for the paired ladder diagram.
/// <see cref="Packet"/> is the packet as the capture holding it shows it (this one when both do),
/// its offset on this capture's clock.</summary>
public sealed record PathStep
{
    public required LadderStep Packet { get; init; }

    /// <summary>Its frame in this capture; null when only the other capture has it.</summary>
    public long? FrameHere { get; init; }

    /// <summary>Its frame in the other capture; null when only this capture has it.</summary>
    public long? FrameThere { get; init; }

    public required PathFate Fate { get; init; }

    /// <summary>True for this connection's first RST in this capture.</summary>
    public bool IsFirstRst { get; init; }
}
