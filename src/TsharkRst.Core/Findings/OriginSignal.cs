namespace TsharkRst.Findings;

/// <summary>One observation about a RST's origin. A strong signal alone shows a middlebox made the
/// RST; a weak one (a trait a genuine kernel reset can also have) only corroborates a strong one.</summary>
public sealed record OriginSignal(Evidence Evidence, bool Strong);
