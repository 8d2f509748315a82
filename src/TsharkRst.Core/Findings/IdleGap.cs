using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The silence in a connection just before its first RST, or, when the RST answers a
/// packet (the other side's packet arrived and was reset at once), the silence before that packet
/// and the retransmissions of it.</summary>
public sealed record IdleGap(double Seconds, PacketRow? SilenceStart, PacketRow? Trigger, bool ClientAwaitingAnswer)
{
    public static IdleGap Of(ResetSnapshot s)
    {
        var before = s.Before.ToList();
        if (before.Count == 0)
            return new IdleGap(0, null, null, false);

        var rst = s.Rst;
        var last = before[^1];
        var silenceToRst = rst.Time - last.Time;
        if (s.Answered is null)
            return new IdleGap(silenceToRst.TotalSeconds, last, null, AwaitingAt(s, before, before.Count - 1));

        // The packet that drew the RST may be a retransmission: the silence ended with its first copy.
        var first = before.Count - 1;
        while (first > 0 && IsCopy(before[first - 1], last, s))
            first--;
        var trigger = before[first];
        if (first == 0)
            return new IdleGap(silenceToRst.TotalSeconds, null, trigger, false);
        var silenceBefore = trigger.Time - before[first - 1].Time;
        var seconds = Math.Max(silenceBefore.TotalSeconds, silenceToRst.TotalSeconds);
        return new IdleGap(seconds, before[first - 1], trigger, AwaitingAt(s, before, first - 1));
    }

    private static bool IsCopy(PacketRow earlier, PacketRow packet, ResetSnapshot s) =>
        s.IsFromClient(earlier) == s.IsFromClient(packet) && earlier.Seq == packet.Seq &&
        earlier.PayloadLength == packet.PayloadLength && earlier.Flags == packet.Flags;

    /// <summary>True when, at packet <paramref name="index"/>, the client's latest payload had not
    /// been answered by any server payload: the silence was a wait, not idleness.</summary>
    private static bool AwaitingAt(ResetSnapshot s, List<PacketRow> before, int index)
    {
        for (var i = index; i >= 0; i--)
        {
            if (before[i].PayloadLength == 0)
                continue;
            return s.IsFromClient(before[i]);
        }
        return false;
    }
}
