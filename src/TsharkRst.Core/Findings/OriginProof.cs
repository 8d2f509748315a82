
namespace TsharkRst.Findings;

/// <summary>What a paired capture proves about one RST: the spec's <c>pair</c> object, the origin it
/// proves (null when it proves none), the words the summary quotes, and the frames it rests on.</summary>
public sealed record OriginProof(ResetPair Pair, Origin? Proven, string? Words, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>A proven origin outranks every inferred signal: high confidence, the proof first, and
    /// only the inferred signals that agree with it kept beside it.</summary>
    public OriginJudgement Outrank(OriginJudgement inferred) => Proven is { } origin
        ? new OriginJudgement(origin, Confidence.High, Evidence.Concat(inferred.Origin == origin ? inferred.Evidence : []).ToList())
        {
            Device = inferred.Device,
        }
        : inferred with { Evidence = inferred.Evidence.Concat(Evidence).ToList() };
}
