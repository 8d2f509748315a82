namespace TsharkRst.Findings;

/// <summary>Everything a verdict brings besides the rule that gives it (<see cref="VerdictRule"/>): the sentence that
/// opens a finding's summary, the next steps that are its own, how sure a finding of it is, and its colour in
/// report.html (light and dark). Its one-line meaning is the enum member's description. The rows are
/// <see cref="VerdictDescriptors"/>: a new verdict is an enum member, its rule, and a row.</summary>
public sealed record VerdictDescriptor(
    Verdict Verdict,
    Func<FindingWords.Facts, FindingWords.Parts, string> Sentence,
    Func<FindingWords.Facts, IReadOnlyList<string>> Steps,
    Func<ConfidenceFacts, Confidence> Confidence,
    string Light,
    string Dark)
{
    public string Name => Vocabulary.Name(Verdict);

    public string Meaning => Vocabulary.Describe(Verdict);
}

/// <summary>What a confidence policy weighs: whether the sides were told from the handshake rather than guessed
/// from ports, what the origin rule (or a pair's proof) concluded, and the TLS context.</summary>
public sealed record ConfidenceFacts(bool SidesFromHandshake, OriginJudgement Origin, TlsContext? Tls)
{
    /// <summary>The packets show the verdict directly: high, unless the sides had to be guessed.</summary>
    public Confidence Observed => SidesFromHandshake ? Confidence.High : Confidence.Medium;
}
