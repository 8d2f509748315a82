namespace TsharkRst.Findings;

/// <summary>A connection's signature in the taxonomy of "Global, Passive Detection of Connection Tampering"
/// (Sundara Raman et al., ACM SIGCOMM 2023), in ASCII: the client's packets before the cut, "->", and the
/// client's packets that ended it, e.g. <c>PSH+ACK -> RST;RST0</c> (the paper's ⟨PSH → RST;RST₀⟩). An
/// observation about the packets, never a verdict.</summary>
public sealed record TamperingSignature(string Name, TamperingStage Stage)
{
    /// <summary>The signatures a reset connection can show, by stage. The taxonomy's timeout signatures
    /// (⟨SYN → ∅⟩, ⟨SYN;ACK → ∅⟩, ⟨PSH → ∅⟩: the client goes silent) describe connections that end without a
    /// RST from the client's side, which is never what a finding is about, so they are not listed. The paper's
    /// own table could not be consulted; README ("Tampering signatures") says where each name comes from.</summary>
    public static IReadOnlyDictionary<string, TamperingStage> Known { get; } = new Dictionary<string, TamperingStage>(StringComparer.Ordinal)
    {
        ["SYN -> RST"] = TamperingStage.PostSyn, // the spec's and issue 20's example
        ["SYN;ACK -> RST"] = TamperingStage.PostAck,
        ["SYN;ACK -> RST+ACK"] = TamperingStage.PostAck,
        ["SYN;ACK -> RST+ACK;RST+ACK"] = TamperingStage.PostAck, // issue 20's example
        ["PSH+ACK -> RST"] = TamperingStage.PostPsh,
        ["PSH+ACK -> RST+ACK"] = TamperingStage.PostPsh,
        ["PSH+ACK -> RST;RST"] = TamperingStage.PostPsh,
        ["PSH+ACK -> RST+ACK;RST+ACK"] = TamperingStage.PostPsh,
        ["PSH+ACK -> RST;RST+ACK"] = TamperingStage.PostPsh, // the spec's example
        ["PSH+ACK -> RST;RST0"] = TamperingStage.PostPsh, // issue 20's example, the paper's ⟨PSH → RST;RST₀⟩
        ["PSH+ACK;DATA -> RST"] = TamperingStage.LaterInFlow,
        ["PSH+ACK;DATA -> RST+ACK"] = TamperingStage.LaterInFlow,
    };
}
