using System.Net;
using TsharkRst.Connections;

namespace TsharkRst.Findings;

/// <summary>Did the claimed sender really send the RST? A middlebox is an accusation, so it is claimed
/// only when the RST contradicts the sender's own packets and no ordinary behaviour of real stacks
/// explains it (each check sets aside what it can explain). A behaviour signal (sequence numbers, the
/// sender going on) that meets a RST carrying the sender's own hop distance and MAC is a conflict:
/// unknown, and said. Confidence is high only with proof or two independent strong signals.</summary>
public static class OriginRule
{
    private static readonly Action<OriginSubject, OriginCase>[] Checks =
    [
        HopDistanceCheck.Check, MacCheck.Check, SequenceCheck.Check, SprayCheck.Check, KeepsSendingCheck.Check,
        ChallengeAckCheck.Check, IpIdCheck.Check, WeakTraitsCheck.Check, DeviceCheck.Check,
    ];

    public static OriginJudgement Judge(ResetSnapshot snapshot, AddressProfiles profiles)
    {
        if (snapshot.SentBy == Side.Unknown)
            return OriginJudgement.Unknown;
        var subject = new OriginSubject(snapshot, profiles);
        var c = new OriginCase();
        foreach (var check in Checks)
            check(subject, c);
        if (IPAddress.IsLoopback(subject.Rst.Source!))
            c.Agrees(SenderMatch.Loopback);
        var judgement = Decide(subject, c);
        return judgement with
        {
            Device = c.Device,
            NotAReset = c.Has(SenderMatch.OwnStream),
            FrontEnd = judgement.Origin == Origin.Middlebox && c.FrontEnd,
        };
    }

    private static OriginJudgement Decide(OriginSubject s, OriginCase c)
    {
        var claims = c.Signals.Where(x => x.CanClaim).OrderByDescending(x => x.Weight).ToList();
        var strong = claims.Where(x => x.Weight >= SignalWeight.Strong).ToList();
        var onSender = c.Has(SenderMatch.OnSender) && (c.Has(SenderMatch.MacInConnection) || s.Rst.SourceMac is null);

        if (claims.Count == 0)
            return Consistent(c);
        if (c.Has(SenderMatch.Loopback))
            return SetAside(Origin.Endpoint, Confidence.High, c, "both ends are loopback addresses: nothing lies between them");
        var proof = claims.Any(x => x.Weight == SignalWeight.Proof);
        if (!proof && strong.Count > 0 && strong.All(x => !x.IsIdentity))
        {
            if (onSender)
                return SetAside(Origin.Endpoint, Confidence.High, c,
                    $"the capture was taken at the {s.Who} (its packets carry their initial TTL unreduced) and the RST has its MAC and TTL: it left the {s.Who}");
            if (c.Has(SenderMatch.IpIdRun))
                return SetAside(Origin.Endpoint, Confidence.Medium, c,
                    $"the RST's IP ID continues the {s.Who}'s own counter: its own stack built it");
            if (c.Has(SenderMatch.HopInConnection) && (c.Has(SenderMatch.MacInConnection) || s.Rst.SourceMac is null))
                return Conflict(s, c, strong[0]);
        }
        if (strong.Count > 0 && strong.Any(x => x.IsIdentity) && c.Has(SenderMatch.IpIdRun) && !proof && strong.Count == 1)
            return Conflict(s, c, strong[0]);
        if (!proof && strong.Count > 0 && strong.All(x => x.Family == SignalFamily.Device) && c.Device?.IsProxy == true &&
            c.Has(SenderMatch.HopInConnection))
            return SetAside(Origin.Endpoint, Confidence.Medium, c,
                $"the RST comes from the same stack as the {s.Who}'s own packets in this connection: the device is itself the {s.Who} " +
                "the other side talks to (a full proxy)");

        var families = strong.Select(x => x.Family).Distinct().Count();
        var confidence = proof || families >= 2 ? Confidence.High
            : strong.Count > 0 ? Confidence.Medium
            : claims.Select(x => x.Family).Distinct().Count() >= 2 ? Confidence.Medium : Confidence.Low;
        var evidence = c.Signals.Select(x => x.Evidence).Concat(c.Explained).ToList();
        return new OriginJudgement(Origin.Middlebox, confidence, evidence, claims[0].Evidence.Note);
    }

    /// <summary>Nothing can make a claim: endpoint when the RST agrees with the sender's packets, else unknown.</summary>
    private static OriginJudgement Consistent(OriginCase c)
    {
        var within = (c.Has(SenderMatch.HopInConnection) ? 1 : 0) + (c.Has(SenderMatch.MacInConnection) ? 1 : 0);
        // A remote sender's frames all come from the last router's MAC: alone, it tells nothing.
        var elsewhere = c.Has(SenderMatch.HopElsewhere) ? 1 + (c.Has(SenderMatch.MacElsewhere) ? 1 : 0) : 0;
        var loopback = c.Has(SenderMatch.Loopback);
        if (within + elsewhere == 0 && !loopback && !c.Has(SenderMatch.IpIdRun) && !c.Has(SenderMatch.OwnStream))
            return c.Explained.Count == 0 ? OriginJudgement.Unknown : OriginJudgement.Unknown with { Evidence = c.Explained };
        var weak = c.Signals.Any(x => x.Weight == SignalWeight.Weak);
        var confidence = (within == 2 || loopback) && !weak ? Confidence.High : Confidence.Medium;
        return new OriginJudgement(Origin.Endpoint, confidence, c.Explained);
    }

    /// <summary>Signals fired, but what the capture shows of the sender explains them all.</summary>
    private static OriginJudgement SetAside(Origin origin, Confidence confidence, OriginCase c, string why)
    {
        var evidence = c.Signals.Where(x => x.CanClaim)
            .Select(x => x.Evidence with { Note = $"{x.Evidence.Note}; set aside: {why}" })
            .Concat(c.Explained).ToList();
        return new OriginJudgement(origin, confidence, evidence);
    }

    /// <summary>A signal against the sender meets a RST that carries the sender's own identity.</summary>
    private static OriginJudgement Conflict(OriginSubject s, OriginCase c, OriginSignal signal)
    {
        var reason = $"the signals conflict: {signal.Evidence.Note}, but the RST carries the {s.Who}'s own " +
                     (c.Has(SenderMatch.IpIdRun) ? "IP ID count" : "hop distance" + (s.Rst.SourceMac is null ? "" : " and MAC")) +
                     $": a device copying them, or the {s.Who}'s own stack behaving oddly (crafted or test traffic)";
        var evidence = c.Signals.Select(x => x.Evidence).Concat(c.Explained).Append(new Evidence(s.Rst.Frame, $"origin unknown: {reason}")).ToList();
        return new OriginJudgement(Origin.Unknown, Confidence.Low, evidence, reason);
    }
}
