namespace TsharkRst.Findings;

/// <summary>A connection's signature in the taxonomy of "Global, Passive Detection of Connection Tampering"
/// (Sundara Raman et al., ACM SIGCOMM 2023), in ASCII: the client's packets before the cut, "->", and the
/// client's packets that ended it, e.g. <c>PSH+ACK -> RST;RST0</c> (the paper's ⟨PSH → RST;RST₀⟩). An
/// observation about the packets, never a verdict.</summary>
public sealed record TamperingSignature(string Name, TamperingStage Stage)
{
    /// <summary>The paper's Table 1 signatures that end in resets, by stage (read in the paper itself,
    /// SIGCOMM 2023 camera-ready). Its three timeout signatures (⟨SYN → ∅⟩, ⟨SYN;ACK → ∅⟩, ⟨PSH+ACK → ∅⟩:
    /// the client goes silent) describe connections without a RST, which no finding is about.</summary>
    public static IReadOnlyDictionary<string, TamperingStage> Known { get; } = new Dictionary<string, TamperingStage>(StringComparer.Ordinal)
    {
        ["SYN -> RST"] = TamperingStage.PostSyn, // one or more RSTs
        ["SYN -> RST+ACK"] = TamperingStage.PostSyn, // one or more RST+ACKs
        ["SYN -> RST;RST+ACK"] = TamperingStage.PostSyn, // one or more of each
        ["SYN;ACK -> RST"] = TamperingStage.PostAck, // exactly one RST
        ["SYN;ACK -> RST;RST"] = TamperingStage.PostAck, // more than one RST
        ["SYN;ACK -> RST+ACK"] = TamperingStage.PostAck, // exactly one RST+ACK
        ["SYN;ACK -> RST+ACK;RST+ACK"] = TamperingStage.PostAck, // more than one RST+ACK
        ["PSH+ACK -> RST"] = TamperingStage.PostPsh, // exactly one RST
        ["PSH+ACK -> RST+ACK"] = TamperingStage.PostPsh, // exactly one RST+ACK
        ["PSH+ACK -> RST;RST+ACK"] = TamperingStage.PostPsh, // at least one of each
        ["PSH+ACK -> RST+ACK;RST+ACK"] = TamperingStage.PostPsh, // at least two RST+ACKs
        ["PSH+ACK -> RST=RST"] = TamperingStage.PostPsh, // more than one RST, the same ACK numbers
        ["PSH+ACK -> RST!=RST"] = TamperingStage.PostPsh, // more than one RST, different ACK numbers
        ["PSH+ACK -> RST;RST0"] = TamperingStage.PostPsh, // more than one RST, one ACK number zero
        ["PSH+ACK;DATA -> RST"] = TamperingStage.LaterInFlow, // one or more RSTs, after more data
        ["PSH+ACK;DATA -> RST+ACK"] = TamperingStage.LaterInFlow, // one or more RST+ACKs, after more data
    };
}
