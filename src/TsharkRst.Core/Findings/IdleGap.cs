using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The silence in a connection just before its first RST, or, when the RST answers a packet
/// (the other side's packet arrived and was reset at once), the silence before that packet and its
/// retransmissions. Keep-alive probes and their answers do not end a silence. A silence counts as
/// idleness only when it began with nothing awaited: no request waiting for its response
/// (<see cref="ClientAwaitingAnswer"/>) and no data waiting for its acknowledgement (<see cref="Stall"/>).</summary>
public sealed record IdleGap(double Seconds, PacketRow? SilenceStart, PacketRow? Trigger, bool ClientAwaitingAnswer, Stall? Stall = null)
{
    /// <summary>Keep-alive probes the RST's sender sent after the silence began that no answer followed.</summary>
    public int UnansweredProbes { get; init; }

    /// <summary>Something was awaited when the silence began: it was a wait or a stall, not idleness.</summary>
    public bool Awaited => ClientAwaitingAnswer || Stall is not null;

    public static IdleGap Of(ResetSnapshot s)
    {
        var before = s.Before.ToList();
        if (before.Count == 0)
            return new IdleGap(0, null, null, false);

        var rst = s.Rst;
        var last = LastActive(before, before.Count - 1);
        var silenceToRst = rst.Time - (last ?? before[^1]).Time;
        if (s.Answered is null)
            return new IdleGap(silenceToRst.TotalSeconds, last, null, AwaitingAt(s, before, Index(before, last)),
                StallOf(s, before, Index(before, last)))
            { UnansweredProbes = Unanswered(s, before, Index(before, last)) };

        // The packet that drew the RST may be a retransmission: the silence ended with its first copy.
        var answered = before[^1];
        var first = before.Count - 1;
        while (first > 0 && IsCopy(before[first - 1], answered, s))
            first--;
        var trigger = before[first];
        var start = first == 0 ? null : LastActive(before, first - 1);
        if (start is null)
            return new IdleGap(silenceToRst.TotalSeconds, null, trigger, false);
        var seconds = Math.Max((trigger.Time - start.Time).TotalSeconds, (rst.Time - answered.Time).TotalSeconds);
        return new IdleGap(seconds, start, trigger, AwaitingAt(s, before, Index(before, start)), StallOf(s, before, Index(before, start)));
    }

    /// <summary>The last packet at or before <paramref name="index"/> that is not a keep-alive probe or its answer.</summary>
    private static PacketRow? LastActive(List<PacketRow> before, int index)
    {
        for (var i = index; i >= 0; i--)
            if (!before[i].KeepAlive && !before[i].KeepAliveAck)
                return before[i];
        return null;
    }

    /// <summary>The RST sender's keep-alive probes after <paramref name="start"/> with no answer after them.</summary>
    private static int Unanswered(ResetSnapshot s, List<PacketRow> before, int start)
    {
        var sender = s.SentBy == Side.Client;
        var silence = before.Skip(start + 1).ToList();
        var lastAnswer = silence.LastOrDefault(p => s.IsFromClient(p) != sender && p.KeepAliveAck)?.Frame ?? 0;
        return silence.Count(p => s.IsFromClient(p) == sender && p.KeepAlive && p.Frame > lastAnswer);
    }

    private static int Index(List<PacketRow> before, PacketRow? packet) => packet is null ? -1 : before.IndexOf(packet);

    private static bool IsCopy(PacketRow earlier, PacketRow packet, ResetSnapshot s) =>
        s.IsFromClient(earlier) == s.IsFromClient(packet) && earlier.Seq == packet.Seq &&
        earlier.PayloadLength == packet.PayloadLength && earlier.Flags == packet.Flags;

    /// <summary>True when, at packet <paramref name="index"/>, the client's latest payload had not
    /// been answered by any server payload: the silence was a wait, not idleness.</summary>
    private static bool AwaitingAt(ResetSnapshot s, List<PacketRow> before, int index)
    {
        for (var i = index; i >= 0; i--)
        {
            if (before[i].PayloadLength == 0 || before[i].KeepAlive)
                continue;
            return s.IsFromClient(before[i]);
        }
        return false;
    }

    /// <summary>The side whose data the other had not acknowledged when the silence began (at packet
    /// <paramref name="start"/>) and that sent some of it again, or whose peer's window was shut then. A
    /// segment is a retransmission when it starts before the end of what its side had sent, whatever tshark
    /// calls it. Null when nothing was awaited, or the capture holds no ACK from the other side to tell.</summary>
    private static Stall? StallOf(ResetSnapshot s, List<PacketRow> before, int start)
    {
        var upTo = before.Take(start + 1).ToList();
        foreach (var fromClient in new[] { s.SentBy == Side.Client, s.SentBy != Side.Client })
        {
            var theirs = upTo.Where(p => s.IsFromClient(p) != fromClient && p.Has(TcpFlags.Ack) && p.Ack is not null).ToList();
            var data = upTo.Where(p => s.IsFromClient(p) == fromClient && p.PayloadLength > 0 && p.Seq is not null && !p.KeepAlive).ToList();
            // Bytes, not sequence numbers: a FIN riding on the data takes a number but is no byte.
            static uint End(PacketRow p) => unchecked((uint)(p.Seq!.Value + p.PayloadLength));
            if (theirs.Count == 0 || data.Count == 0)
                continue;
            var acked = theirs.Select(p => p.Ack!.Value).Aggregate((a, b) => SeqSpace.After(a, b) ? a : b);
            if (theirs[^1].Window == 0)
                return ZeroWindowStall(s, fromClient, upTo, theirs);
            var resent = new List<PacketRow>();
            uint? end = null;
            foreach (var p in data)
            {
                if (end is { } sent && SeqSpace.After(sent, p.Seq!.Value) && SeqSpace.After(End(p), acked))
                    resent.Add(p);
                end = end is { } e && SeqSpace.After(e, End(p)) ? e : End(p);
            }
            if (resent.Count == 0 || !SeqSpace.After(end!.Value, acked))
                continue;
            var first = data.First(p => SeqSpace.After(End(p), acked));
            return new Stall(fromClient ? Side.Client : Side.Server, unchecked((uint)(end.Value - acked)), Covered(resent, acked), resent.Count,
                resent[^1].Time - first.Time, first.Frame, resent[^1].Frame, false);
        }
        return null;
    }

    /// <summary>The peer's window was still shut when the silence began: the sender was held off since the
    /// peer first shut it in this run (zero-window probes or not).</summary>
    private static Stall ZeroWindowStall(ResetSnapshot s, bool fromClient, List<PacketRow> upTo, List<PacketRow> theirs)
    {
        var shut = theirs.Count;
        while (shut > 0 && theirs[shut - 1].Window == 0)
            shut--;
        var since = theirs[shut];
        var last = upTo[^1];
        var probes = upTo.Count(p => p.Frame >= since.Frame && s.IsFromClient(p) == fromClient && p.ZeroWindowProbe);
        return new Stall(fromClient ? Side.Client : Side.Server, 0, 0, probes, last.Time - since.Time, since.Frame, last.Frame, true);
    }

    /// <summary>How many bytes past <paramref name="acked"/> the resent segments cover, overlaps counted once.</summary>
    private static long Covered(List<PacketRow> resent, uint acked)
    {
        var ranges = resent.Select(p => (Start: (long)unchecked(p.Seq!.Value - acked), End: (long)unchecked(p.Seq!.Value + (uint)p.PayloadLength - acked)))
            .Select(r => (Start: Math.Max(0, r.Start > int.MaxValue ? 0 : r.Start), r.End)).OrderBy(r => r.Start).ToList();
        long covered = 0, reach = 0;
        foreach (var (from, to) in ranges)
        {
            if (to <= reach)
                continue;
            covered += to - Math.Max(from, reach);
            reach = to;
        }
        return covered;
    }
}
