using System.Globalization;
using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The checks of a RST against its claimed sender's own packets. Each returns a signal
/// when the RST is inconsistent with them, or null. Pure functions of the snapshot.</summary>
public static class OriginSignals
{
    /// <summary>More distinct hop counts than this from one address and its TTL proves nothing.</summary>
    private const int MaxSteadyHopCounts = 2;

    /// <summary>How far past the last sequence number seen a genuine RST may be (data lost before the capture).</summary>
    private const uint UnseenDataAllowance = 1 << 20;

    /// <summary>How far an IP ID counter may move between the sender's last packet and its RST.</summary>
    private const int IpIdDrift = 64;

    /// <summary>RSTs this close together from one side are one burst.</summary>
    private static readonly TimeSpan BurstGap = TimeSpan.FromMilliseconds(100);

    /// <summary>Windows that known injectors put in their RSTs (genuine stacks send 0 or their own window).</summary>
    private static readonly HashSet<int> InjectorWindows = [4128, 8192, 16384];

    /// <summary>The context every check reads: the RST, its claimed sender and that sender's own packets.</summary>
    public sealed record Subject(ResetSnapshot Snapshot, AddressProfiles Profiles)
    {
        public PacketRow Rst => Snapshot.Rst;
        public bool FromClient => Snapshot.IsFromClient(Rst);
        public string Who => Snapshot.SentBy == Side.Client ? "client" : "server";

        /// <summary>The claimed sender's non-RST packets in this connection, before and after the RST.</summary>
        public IReadOnlyList<PacketRow> Own { get; } = Snapshot.Connection.Packets
            .Where(p => Snapshot.IsFromClient(p) == Snapshot.IsFromClient(Snapshot.Rst) && !p.Has(TcpFlags.Rst)).ToList();

        public IReadOnlyList<PacketRow> OwnBefore => Own.Where(p => p.Frame < Rst.Frame).ToList();
    }

    /// <summary>Hop count: a device nearer the capture point starts its count closer. An address whose
    /// own packets arrive with many hop counts (a scanner's crafted packets, a flapping route) gives no
    /// yardstick. Returns whether the hop count could be compared and matched.</summary>
    public static OriginSignal? HopCount(Subject s, out bool matched)
    {
        matched = false;
        var rst = s.Rst;
        var here = s.Own.Select(p => p.HopCount).OfType<int>().ToHashSet();
        var elsewhere = s.Profiles.HopCounts(rst.Source!);
        var hops = here.Count > 0 ? here : elsewhere;
        if (rst.HopCount is not { } rstHops || hops.Count is 0 or > MaxSteadyHopCounts || elsewhere.Count > MaxSteadyHopCounts)
            return null;
        matched = hops.Contains(rstHops);
        if (matched)
            return null;
        var name = rst.IsIpv6 ? "hop limit" : "TTL";
        var where = here.Count > 0 ? "in this connection" : "in other connections of this capture";
        return new OriginSignal(new Evidence(rst.Frame,
            $"RST {name} {rstHops}, the {s.Who}'s own packets {where} {name} {string.Join("/", hops.Order())}: " +
            $"made {Closer(rstHops, hops)} than the {s.Who}"), Strong: true);
    }

    /// <summary>Source MAC: the claimed sender's frames on this segment all came from one interface.</summary>
    public static OriginSignal? Mac(Subject s, out bool matched)
    {
        matched = false;
        var rst = s.Rst;
        var here = s.Own.Select(p => p.SourceMac).OfType<string>().ToHashSet();
        var macs = here.Count > 0 ? here : s.Profiles.Macs(rst.Source!);
        if (rst.SourceMac is not { } rstMac || macs.Count == 0)
            return null;
        matched = macs.Contains(rstMac);
        return matched ? null : new OriginSignal(new Evidence(rst.Frame,
            $"RST from MAC {rstMac}, the {s.Who}'s own frames from {string.Join(", ", macs.Order())}"), Strong: true);
    }

    /// <summary>The claimed sender keeps talking after its own RST: it did not send it (the injection
    /// race). Data lying wholly before the RST's sequence number was sent before it and only captured late.</summary>
    public static OriginSignal? KeepsSending(Subject s)
    {
        var rst = s.Rst;
        var after = s.Own.FirstOrDefault(p => p.Frame > rst.Frame && (p.PayloadLength > 0 || p.Has(TcpFlags.Fin)) &&
                                             (rst.Seq is not { } rstSeq || p.Seq is null || SeqAfter(NextSeq(p), rstSeq)));
        return after is null ? null : new OriginSignal(new Evidence(after.Frame,
            $"the {s.Who} sent {(after.PayloadLength > 0 ? $"{after.PayloadLength} bytes of data" : "a FIN")} after the RST in its name " +
            $"(frame {rst.Frame}): its connection was still open"), Strong: true);
    }

    /// <summary>RFC 5961: a challenge ACK from the receiver means it did not accept the RST's number. A
    /// genuine sender whose socket is gone answers the challenge with a RST at the asked number.</summary>
    public static OriginSignal? ChallengeAck(Subject s)
    {
        var snapshot = s.Snapshot;
        var rst = s.Rst;
        var reply = snapshot.Connection.Packets.Skip(snapshot.RstIndex + 1).FirstOrDefault(p => snapshot.IsFromClient(p) != s.FromClient);
        if (reply is null || reply.Has(TcpFlags.Rst) || reply.PayloadLength > 0 || !reply.Has(TcpFlags.Ack) ||
            reply.Time - rst.Time > ResetSnapshot.AnswerWindow || rst.Seq is not { } seq || reply.Ack == seq)
            return null;
        var lastAckBefore = snapshot.Before.LastOrDefault(p => snapshot.IsFromClient(p) != s.FromClient)?.Ack;
        if (reply.Ack != lastAckBefore)
            return null;
        var answered = snapshot.Connection.Packets.Any(p => p.Frame > reply.Frame && p.Has(TcpFlags.Rst) &&
                                                            snapshot.IsFromClient(p) == s.FromClient && p.Seq == reply.Ack);
        return answered ? null : new OriginSignal(new Evidence(reply.Frame,
            $"challenge ACK: the receiver answered the RST with ack {reply.Ack} instead of closing (RFC 5961), " +
            $"so the RST's sequence number {seq} was not the {s.Who}'s next one"), Strong: true);
    }

    /// <summary>A genuine RST carries a number the sender used (RFC 9293 3.10.7): the number the answered
    /// segment acknowledged, or one between the sender's first and (allowing for data lost before the
    /// capture point) a little past its last.</summary>
    public static OriginSignal? Sequence(Subject s)
    {
        var rst = s.Rst;
        var own = s.OwnBefore;
        if (rst.Seq is not { } seq || own.All(p => p.Seq is null))
            return null;
        var next = own.Where(p => p.Seq is not null).Select(NextSeq).Aggregate((a, b) => SeqAfter(b, a) ? b : a);
        var peerAcks = s.Snapshot.Before.Where(p => s.Snapshot.IsFromClient(p) != s.FromClient && p.Has(TcpFlags.Ack))
            .Select(p => p.Ack).OfType<uint>().ToList();
        var lowest = own.Select(p => p.Seq).OfType<uint>().Concat(peerAcks.Take(1)).Aggregate((a, b) => SeqAfter(a, b) ? b : a);
        if (seq == peerAcks.LastOrDefault(next) || Within(seq, lowest, unchecked(next + UnseenDataAllowance)))
            return null;
        return new OriginSignal(new Evidence(rst.Frame,
            $"RST sequence number {seq}, the {s.Who}'s next one was {next} (it had used {lowest} to {next}): not a number the {s.Who} would use"),
            Strong: true);
    }

    /// <summary>An injector spraying RSTs to hit the receive window: back-to-back RSTs with rising
    /// sequence numbers, or three with rising windows. A genuine stack answers each segment with the
    /// number that segment acknowledged.</summary>
    public static OriginSignal? Spray(Subject s)
    {
        var snapshot = s.Snapshot;
        var burst = new List<PacketRow> { s.Rst };
        foreach (var p in snapshot.Connection.Packets.Skip(snapshot.RstIndex + 1))
        {
            if (p.Time - burst[^1].Time > BurstGap)
                break;
            if (snapshot.IsFromClient(p) != s.FromClient)
                continue;
            if (!p.Has(TcpFlags.Rst))
                break;
            burst.Add(p);
        }
        var risingSeq = burst.Count >= 2 && burst.Zip(burst.Skip(1)).All(pair =>
            pair.First.Seq is { } a && pair.Second.Seq is { } b && SeqAfter(b, a));
        var risingWindow = burst.Count >= 3 && burst.Zip(burst.Skip(1)).All(pair =>
            pair.First.Window is { } a && pair.Second.Window is { } b && b > a);
        if (!risingSeq && !risingWindow)
            return null;
        var what = risingSeq
            ? $"sequence numbers {string.Join(", ", burst.Select(p => p.Seq))}"
            : $"windows {string.Join(", ", burst.Select(p => p.Window))}";
        return new OriginSignal(new Evidence(s.Rst.Frame,
            $"{burst.Count} RSTs within {BurstGap.TotalMilliseconds:0} ms with rising {what} (frames {string.Join(", ", burst.Select(p => p.Frame))}): an injector spraying the window"),
            Strong: true);
    }

    /// <summary>A device that builds its RST from the packet it answers may copy that packet's IP ID.</summary>
    public static OriginSignal? CopiedIpId(Subject s)
    {
        var rst = s.Rst;
        if (s.Snapshot.Answered is not { } answered || rst.IsIpv6 || rst.IpId is not (> 0 and var id) || answered.IpId != id)
            return null;
        return new OriginSignal(new Evidence(rst.Frame,
            $"RST IP ID 0x{id:x4} copies the IP ID of the packet it answers (frame {answered.Frame}): a device built it from that packet"),
            Strong: true);
    }

    /// <summary>The RST's IP ID is not the next value of the sender's counter. Linux's own reset for a
    /// closed socket carries 0 too, so this only corroborates.</summary>
    public static OriginSignal? IpIdBreak(Subject s)
    {
        var rst = s.Rst;
        var ids = s.OwnBefore.Where(p => !p.IsIpv6).Select(p => p.IpId).OfType<int>().Where(id => id != 0).ToList();
        if (rst.IsIpv6 || rst.IpId is not { } rstId || ids.Count < 2)
            return null;
        var last = ids[^1];
        var ahead = (rstId - last + 65536) % 65536;
        if (ahead is > 0 and <= IpIdDrift)
            return null;
        return new OriginSignal(new Evidence(rst.Frame,
            $"RST IP ID 0x{rstId:x4}, the {s.Who}'s own packets counted up to 0x{last:x4}"), Strong: false);
    }

    /// <summary>The sender put TCP timestamps in every packet but not in the RST. A kernel's reset for a
    /// closed socket has none either, so this only corroborates.</summary>
    public static OriginSignal? MissingTimestamps(Subject s)
    {
        var own = s.OwnBefore.Where(p => !p.Has(TcpFlags.Syn)).ToList();
        if (s.Rst.TsVal is not null || own.Count == 0 || own.Any(p => p.TsVal is null))
            return null;
        return new OriginSignal(new Evidence(s.Rst.Frame,
            $"RST without TCP timestamps, which the {s.Who} put in all {own.Count} of its packets"), Strong: false);
    }

    /// <summary>A window from a known injector, or the window of the packet the RST answers copied back.</summary>
    public static OriginSignal? OddWindow(Subject s)
    {
        var rst = s.Rst;
        if (rst.Window is not (> 0 and var window))
            return null;
        if (InjectorWindows.Contains(window))
            return new OriginSignal(new Evidence(rst.Frame,
                $"RST window {window.ToString(CultureInfo.InvariantCulture)}, a value known injectors use"), Strong: false);
        if (s.Snapshot.Answered?.Window == window && s.OwnBefore.All(p => p.Window != window))
            return new OriginSignal(new Evidence(rst.Frame,
                $"RST window {window.ToString(CultureInfo.InvariantCulture)} copies the window of the packet it answers, not the {s.Who}'s own"),
                Strong: false);
        return null;
    }

    private static int InitialTtl(int ttl) => ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;

    /// <summary>Where the RST was made relative to the sender, counting hops from each one's initial TTL.</summary>
    private static string Closer(int rstHops, IReadOnlySet<int> own)
    {
        var rstDistance = InitialTtl(rstHops) - rstHops;
        var ownDistance = own.Select(h => InitialTtl(h) - h).Min();
        var hops = Math.Abs(ownDistance - rstDistance);
        var plural = hops == 1 ? "hop" : "hops";
        return rstDistance < ownDistance ? $"{hops} {plural} closer" :
               rstDistance > ownDistance ? $"{hops} {plural} farther" :
               $"by a stack with another initial TTL ({InitialTtl(rstHops)}, the sender's {InitialTtl(own.Max())})";
    }

    private static uint NextSeq(PacketRow p) => unchecked((uint)(p.Seq!.Value + p.PayloadLength +
        (p.Has(TcpFlags.Syn) ? 1 : 0) + (p.Has(TcpFlags.Fin) ? 1 : 0)));

    /// <summary>TCP sequence numbers wrap modulo 2^32 (RFC 1982 serial arithmetic).</summary>
    private static bool SeqAfter(uint a, uint b) => unchecked((int)(a - b)) > 0;

    private static bool Within(uint seq, uint low, uint high) =>
        SeqAfter(low, high) ? Within(seq, high, low) : !SeqAfter(low, seq) && !SeqAfter(seq, high);
}
