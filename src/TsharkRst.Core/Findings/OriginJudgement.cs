namespace TsharkRst.Findings;

/// <summary>Whether the claimed sender really sent the RST, with the signals that say so and those
/// considered and set aside. <see cref="Reason"/> is the sentence the summary carries: the decisive
/// signal for a middlebox, or why the signals conflict for an unknown origin.</summary>
public sealed record OriginJudgement(Origin Origin, Confidence Confidence, IReadOnlyList<Evidence> Evidence, string? Reason = null)
{
    /// <summary>The packet is no reset: a damaged or crafted segment that carries the RST bit while its
    /// sender's stream runs on through it.</summary>
    public bool NotAReset { get; init; }

    /// <summary>The front end that answered the sender's handshake made the RST (see <see cref="HopDistanceCheck"/>).</summary>
    public bool FrontEnd { get; init; }

    /// <summary>The device the RST names as its maker, whatever the origin.</summary>
    public ResetDevice? Device { get; init; }

    public static OriginJudgement Unknown { get; } = new(Origin.Unknown, Confidence.Low, []);
}
