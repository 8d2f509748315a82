namespace TsharkRst.Findings;

/// <summary>Whether the claimed sender really sent the RST, with the signals that say so.</summary>
public sealed record OriginJudgement(Origin Origin, Confidence Confidence, IReadOnlyList<Evidence> Evidence)
{
    public static OriginJudgement Unknown { get; } = new(Origin.Unknown, Confidence.Low, []);
}
