using TsharkRst.Connections;

namespace TsharkRst.Findings;

/// <summary>Did the claimed sender really send the RST? Strong signals (<see cref="OriginSignals"/>)
/// decide <see cref="Origin.Middlebox"/>; weak ones only add to its evidence and confidence. A RST
/// whose hop count and MAC match the sender's own packets is <see cref="Origin.Endpoint"/>; with
/// nothing to compare, <see cref="Origin.Unknown"/>, never a guess.</summary>
public static class OriginRule
{
    public static OriginJudgement Judge(ResetSnapshot snapshot, AddressProfiles profiles)
    {
        if (snapshot.SentBy == Side.Unknown)
            return OriginJudgement.Unknown;
        var s = new OriginSignals.Subject(snapshot, profiles);
        var hop = OriginSignals.HopCount(s, out var hopMatched);
        var mac = OriginSignals.Mac(s, out var macMatched);
        var signals = new[]
        {
            hop, mac, OriginSignals.KeepsSending(s), OriginSignals.ChallengeAck(s), OriginSignals.Sequence(s),
            OriginSignals.Spray(s), OriginSignals.CopiedIpId(s),
            OriginSignals.IpIdBreak(s), OriginSignals.MissingTimestamps(s), OriginSignals.OddWindow(s),
        }.OfType<OriginSignal>().ToList();

        var strong = signals.Count(x => x.Strong);
        var weak = signals.Count - strong;
        if (strong > 0)
        {
            var confidence = strong + weak >= 2 ? Confidence.High : Confidence.Medium;
            return new OriginJudgement(Origin.Middlebox, confidence, signals.Select(x => x.Evidence).ToList());
        }
        var consistent = (hopMatched ? 1 : 0) + (macMatched ? 1 : 0);
        if (consistent == 0)
            return OriginJudgement.Unknown;
        return new OriginJudgement(Origin.Endpoint, consistent == 2 && weak == 0 ? Confidence.High : Confidence.Medium, []);
    }
}
