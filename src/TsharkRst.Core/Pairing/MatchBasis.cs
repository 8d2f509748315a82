using System.ComponentModel;

namespace TsharkRst.Pairing;

/// <summary>How a connection in one capture was recognised in the other.</summary>
public enum MatchBasis
{
    [Description("The same addresses and ports, and no sequence number that contradicts them.")]
    Endpoints,
    [Description("The same initial sequence numbers (or the same segments): addresses or ports were rewritten on the path (NAT).")]
    SequenceNumbers,
    [Description("The same payload lengths in the same order, at the same time once the clocks are aligned.")]
    PayloadAndTiming,
}
