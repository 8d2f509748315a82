namespace TsharkRst.Reports;

/// <summary>One packet drawn in the paired ladder diagram: its arrow in up to three stretches, a dot
/// where each capture saw it, and a mark where it was lost or made on the path.</summary>
public sealed record PathArrowView
{
    /// <summary>Its frame in this capture; empty when only the other capture has it.</summary>
    public required string Frame { get; init; }

    /// <summary>Its frame in the other capture; empty when only this capture has it.</summary>
    public required string FrameThere { get; init; }

    public required string Time { get; init; }
    public required int TimeY { get; init; }
    public required IReadOnlyList<PathSegmentView> Segments { get; init; }
    public required IReadOnlyList<PathDotView> Dots { get; init; }

    /// <summary>The arrowhead's polygon points; empty when the packet never arrived.</summary>
    public required string Head { get; init; }

    /// <summary>An ✕ where a packet was lost on the path, as path data; empty otherwise.</summary>
    public required string Lost { get; init; }

    /// <summary>A diamond where a device on the path sent the packet, as polygon points; empty otherwise.</summary>
    public required string Made { get; init; }

    public required int LabelX { get; init; }
    public required int LabelY { get; init; }
    public required string Label { get; init; }
    public required int FlagsY { get; init; }
    public required string Flags { get; init; }

    /// <summary>Everything about the packet, for the tooltip.</summary>
    public required string Title { get; init; }

    /// <summary><c>rst</c>, <c>data</c> or <c>control</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where the arrow starts: <c>client</c>, <c>server</c>, or <c>path</c> for a packet a device on the path made.</summary>
    public required string Direction { get; init; }

    /// <summary><c>crossed</c>, <c>dropped</c>, <c>made-on-path</c> or <c>one-capture</c>.</summary>
    public required string Fate { get; init; }

    public required bool Retransmission { get; init; }

    /// <summary>This capture's first RST of the connection, the one the finding is about.</summary>
    public required bool IsFirstRst { get; init; }
}
