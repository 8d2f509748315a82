using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>What became of a packet between the two capture points.</summary>
public enum PathFate
{
    [Description("Seen at both capture points: it crossed the path.")]
    Crossed,
    [Description("Seen where it was sent, not at the other capture point, which was capturing: lost on the path.")]
    Dropped,
    [Description("Seen at the receiving end in a side's name, not in that side's own capture, which was capturing: a device on the path made it.")]
    MadeOnPath,
    [Description("Seen at one capture point only, and the other capture cannot tell (not running, or it dropped packets).")]
    OneCapture,
}
