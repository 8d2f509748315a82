using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Did the claimed sender really send the RST? Compares the RST with that address's own
/// packets. Each signal that fires is evidence; several independent ones raise confidence. When
/// there is nothing to compare with the answer is <see cref="Origin.Unknown"/>, never a guess.</summary>
public static class OriginRule
{
    /// <summary>More distinct hop counts than this from one address and its TTL proves nothing.</summary>
    private const int MaxSteadyHopCounts = 2;

    /// <summary>How far past the last sequence number seen a genuine RST may be (data lost before the capture).</summary>
    private const uint UnseenDataAllowance = 1 << 20;

    public static OriginJudgement Judge(ResetSnapshot s, AddressProfiles profiles)
    {
        var rst = s.Rst;
        if (s.SentBy == Side.Unknown)
            return OriginJudgement.Unknown;
        var fromClient = s.IsFromClient(rst);
        var own = s.Connection.Packets.Where(p => s.IsFromClient(p) == fromClient && !p.Has(TcpFlags.Rst)).ToList();
        var ownBefore = own.Where(p => p.Frame < rst.Frame).ToList();
        var who = s.SentBy == Side.Client ? "client" : "server";

        var inconsistent = new List<Evidence>();
        var consistent = 0;

        // Hop count: a device nearer the capture point starts its count closer. An address whose own
        // packets arrive with many hop counts (a scanner's crafted packets, a flapping route) gives no yardstick.
        var hopsHere = own.Select(p => p.HopCount).OfType<int>().ToHashSet();
        var hops = hopsHere.Count > 0 ? hopsHere : profiles.HopCounts(rst.Source!);
        var where = hopsHere.Count > 0 ? "in this connection" : "in other connections of this capture";
        var steadyHops = hops.Count is > 0 and <= MaxSteadyHopCounts && profiles.HopCounts(rst.Source!).Count <= MaxSteadyHopCounts;
        if (rst.HopCount is { } rstHops && steadyHops)
        {
            if (!hops.Contains(rstHops))
                inconsistent.Add(new Evidence(rst.Frame,
                    $"RST {HopName(rst)} {rstHops} ({HopsFromStart(rstHops)}), the {who}'s own packets {where} {HopName(rst)} " +
                    $"{string.Join("/", hops.Order())} ({HopsFromStart(hops.Max())}): made {Closer(rstHops, hops)} than the {who}"));
            else
                consistent++;
        }

        // Source MAC: the claimed sender's frames on this segment all came from one interface.
        var macsHere = own.Select(p => p.SourceMac).OfType<string>().ToHashSet();
        var macs = macsHere.Count > 0 ? macsHere : profiles.Macs(rst.Source!);
        if (rst.SourceMac is { } rstMac && macs.Count > 0)
        {
            if (!macs.Contains(rstMac))
                inconsistent.Add(new Evidence(rst.Frame,
                    $"RST from MAC {rstMac}, the {who}'s own frames from {string.Join(", ", macs.Order())}"));
            else
                consistent++;
        }

        // The claimed sender keeps talking after its own RST: it did not send it (the injection race).
        // Data lying wholly before the RST's sequence number was sent before it and only captured late.
        var after = own.FirstOrDefault(p => p.Frame > rst.Frame && (p.PayloadLength > 0 || p.Has(TcpFlags.Fin)) &&
                                            (rst.Seq is not { } rstSeq || p.Seq is not { } seq || SeqAfter(NextSeq(p), rstSeq)));
        if (after is not null)
            inconsistent.Add(new Evidence(after.Frame,
                $"the {who} sent {Describe(after)} after the RST in its name (frame {rst.Frame}): its connection was still open"));

        // RFC 5961: a challenge ACK from the receiver means it did not accept the RST's sequence number.
        var challenge = ChallengeAck(s, fromClient);
        if (challenge is not null)
            inconsistent.Add(new Evidence(challenge.Frame,
                $"challenge ACK: the receiver answered the RST with ack {challenge.Ack} instead of closing (RFC 5961), " +
                $"so the RST's sequence number {rst.Seq} was not the {who}'s next one"));

        // Sequence number: a genuine RST carries the sender's next sequence number (RFC 9293 3.10.7).
        var seqNote = SequenceCheck(rst, ownBefore, s, fromClient, who);
        if (seqNote is not null)
            inconsistent.Add(seqNote);

        if (inconsistent.Count > 0)
            return new OriginJudgement(Origin.Middlebox, inconsistent.Count >= 2 ? Confidence.High : Confidence.Medium, inconsistent);
        if (consistent > 0)
            return new OriginJudgement(Origin.Endpoint, consistent >= 2 ? Confidence.High : Confidence.Medium, []);
        return OriginJudgement.Unknown;
    }

    private static string HopName(PacketRow p) => p.IsIpv6 ? "hop limit" : "TTL";

    private static int InitialTtl(int ttl) => ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;

    private static string HopsFromStart(int ttl) => $"{InitialTtl(ttl) - ttl} hops from {InitialTtl(ttl)}";

    private static string Closer(int rstHops, IReadOnlySet<int> own)
    {
        var rstDistance = InitialTtl(rstHops) - rstHops;
        var ownDistance = own.Select(h => InitialTtl(h) - h).Min();
        return rstDistance < ownDistance ? $"{ownDistance - rstDistance} hop(s) closer" :
               rstDistance > ownDistance ? $"{rstDistance - ownDistance} hop(s) farther" :
               "with another initial TTL";
    }

    private static string Describe(PacketRow p) =>
        p.PayloadLength > 0 ? $"{p.PayloadLength} bytes of data" : "a FIN";

    private static PacketRow? ChallengeAck(ResetSnapshot s, bool rstFromClient)
    {
        var rst = s.Rst;
        var reply = s.Connection.Packets.Skip(s.RstIndex + 1)
            .FirstOrDefault(p => s.IsFromClient(p) != rstFromClient);
        if (reply is null || reply.Has(TcpFlags.Rst) || reply.PayloadLength > 0 || !reply.Has(TcpFlags.Ack) ||
            reply.Time - rst.Time > IdleGap.AnswerWindow || rst.Seq is not { } seq || reply.Ack == seq)
            return null;
        // Only a pure ACK that repeats what the receiver had acknowledged before the RST is a challenge.
        var lastAckBefore = s.Before.LastOrDefault(p => s.IsFromClient(p) != rstFromClient)?.Ack;
        if (reply.Ack != lastAckBefore)
            return null;
        // A genuine sender whose socket is gone answers the challenge with a RST at the asked number.
        var answered = s.Connection.Packets.Any(p => p.Frame > reply.Frame && p.Has(TcpFlags.Rst) &&
                                                     s.IsFromClient(p) == rstFromClient && p.Seq == reply.Ack);
        return answered ? null : reply;
    }

    private static Evidence? SequenceCheck(PacketRow rst, List<PacketRow> ownBefore, ResetSnapshot s, bool fromClient, string who)
    {
        if (rst.Seq is not { } seq || ownBefore.Count == 0 || ownBefore.All(p => p.Seq is null))
            return null;
        var next = ownBefore.Select(NextSeq).Aggregate((a, b) => SeqAfter(b, a) ? b : a);
        var peerAcks = s.Before.Where(p => s.IsFromClient(p) != fromClient && p.Has(TcpFlags.Ack)).Select(p => p.Ack).OfType<uint>().ToList();
        // Anything from the peer's first acknowledgement to a little past what the sender was seen to
        // send is plausible: a RST answering a late duplicate carries an old number, and data lost
        // before the capture point puts a genuine RST beyond the last number seen.
        var lowest = ownBefore.Select(p => p.Seq).OfType<uint>().Concat(peerAcks.Take(1))
            .Aggregate((a, b) => SeqAfter(a, b) ? b : a);
        // RFC 9293: a RST answering a segment takes its sequence number from that segment's ACK.
        if (seq == peerAcks.LastOrDefault(next) || Within(seq, lowest, unchecked(next + UnseenDataAllowance)))
            return null;
        return new Evidence(rst.Frame,
            $"RST sequence number {seq}, the {who}'s next one was {next} (it had used {lowest} to {next}): not a number the {who} would use");
    }

    private static uint NextSeq(PacketRow p) => unchecked((uint)(p.Seq!.Value + p.PayloadLength +
        (p.Has(TcpFlags.Syn) ? 1 : 0) + (p.Has(TcpFlags.Fin) ? 1 : 0)));

    /// <summary>TCP sequence numbers wrap modulo 2^32 (RFC 1982 serial arithmetic).</summary>
    private static bool SeqAfter(uint a, uint b) => unchecked((int)(a - b)) > 0;

    private static bool Within(uint seq, uint low, uint high) =>
        SeqAfter(low, high) ? Within(seq, high, low) : !SeqAfter(low, seq) && !SeqAfter(seq, high);
}
