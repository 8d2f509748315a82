using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>Reads one RST in the capture from the other end: what it proves, and the ladder of both captures.</summary>
public static class PairedReset
{
    public static PairEvidence Of(ResetSnapshot s, CapturePairing pairing) =>
        new(OriginProofRule.Of(s, pairing), PathSteps.Of(s, LadderSteps.Of(s), pairing));
}
