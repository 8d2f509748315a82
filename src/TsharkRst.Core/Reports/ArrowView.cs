namespace TsharkRst.Reports;

/// <summary>One packet drawn in a ladder diagram, with its coordinates and texts.</summary>
public sealed record ArrowView
{
    public required string Frame { get; init; }
    public required string Time { get; init; }
    public required int TimeY { get; init; }
    public required int FrameY { get; init; }
    public required int X1 { get; init; }
    public required int Y1 { get; init; }
    public required int X2 { get; init; }
    public required int Y2 { get; init; }

    /// <summary>The arrowhead's polygon points.</summary>
    public required string Head { get; init; }

    public required int LabelX { get; init; }
    public required int LabelY { get; init; }
    public required string Label { get; init; }
    public required int FlagsY { get; init; }
    public required string Flags { get; init; }

    /// <summary>Everything about the packet, for the tooltip.</summary>
    public required string Title { get; init; }

    /// <summary><c>rst</c>, <c>data</c> or <c>control</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Whose lane the arrow starts from: <c>client</c>, <c>server</c> or <c>middlebox</c>.</summary>
    public required string Direction { get; init; }

    public required bool Retransmission { get; init; }
}
