namespace TsharkRst.Findings;

/// <summary>What the capture from the other end of the path brings to one RST's diagnosis: the proof of its origin
/// and the packets around it as both captures saw them (null when the ladder has no step there).</summary>
public sealed record PairEvidence(OriginProof Proof, PathLadder? Ladder);
