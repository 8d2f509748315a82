namespace TsharkRst.Findings;

/// <summary>A frame a diagnosis rests on, with the fact it shows.</summary>
public sealed record Evidence(long Frame, string Note);
