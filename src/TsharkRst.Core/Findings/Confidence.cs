using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>How sure a diagnosis is.</summary>
public enum Confidence
{
    [Description("The packets show it directly.")]
    High,
    [Description("The packets point to it, with a gap or a single signal.")]
    Medium,
    [Description("A guess from little evidence.")]
    Low,
}
