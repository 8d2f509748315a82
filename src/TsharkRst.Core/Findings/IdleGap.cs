using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The silence in a connection just before its first RST, or, when the RST answers a packet
/// (the other side's packet arrived and was reset at once), the silence before that packet and its
/// retransmissions. Keep-alive probes and their answers do not end a silence. A silence counts as
/// idleness only when it began with nothing awaited: no request waiting for its response
/// (<see cref="ClientAwaitingAnswer"/>) and no data waiting for its acknowledgement (<see cref="Stall"/>).</summary>
public sealed record IdleGap(double Seconds, PacketRow? SilenceStart, PacketRow? Trigger, bool ClientAwaitingAnswer, Stall? Stall = null)
{
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
                StallOf(s, before, Index(before, last)));

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
    /// <paramref name="start"/>), with its retransmissions of it; or a side probing the other's zero window.
    /// Null when all data was acknowledged, or the capture holds no ACK from the other side to tell.</summary>
    private static Stall? StallOf(ResetSnapshot s, List<PacketRow> before, int start)
    {
        var upTo = before.Take(start + 1).ToList();
        foreach (var fromClient in new[] { s.SentBy == Side.Client, s.SentBy != Side.Client })
        {
            var mine = upTo.Where(p => s.IsFromClient(p) == fromClient).ToList();
            var theirAcks = upTo.Where(p => s.IsFromClient(p) != fromClient && p.Has(TcpFlags.Ack) && p.Ack is not null).ToList();
            var data = mine.Where(p => p.PayloadLength > 0 && p.Seq is not null && !p.KeepAlive).ToList();
            if (data.Count == 0 || theirAcks.Count == 0)
                continue;
            var end = data.Select(SeqSpace.Next).Aggregate((a, b) => SeqSpace.After(a, b) ? a : b);
            var acked = theirAcks.Select(p => p.Ack!.Value).Aggregate((a, b) => SeqSpace.After(a, b) ? a : b);
            var probes = mine.Where(p => p.ZeroWindowProbe).ToList();
            if (!SeqSpace.After(end, acked) && probes.Count == 0)
                continue;
            var waiting = data.Where(p => SeqSpace.After(SeqSpace.Next(p), acked)).ToList();
            var sent = waiting.Count > 0 ? waiting : probes;
            var retransmissions = sent.Count(p => p.Retransmission);
            // Unacknowledged data that was never sent again was acknowledged where the capture did not see it.
            if (retransmissions == 0 && probes.Count == 0)
                continue;
            return new Stall(fromClient ? Side.Client : Side.Server, SeqSpace.After(end, acked) ? unchecked((uint)(end - acked)) : 0,
                retransmissions, sent[^1].Time - sent[0].Time, sent[0].Frame, sent[^1].Frame, probes.Count > 0);
        }
        return null;
    }
}
