using System.Globalization;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>An injector spraying RSTs to hit the receive window sends several back to back with rising
/// sequence numbers that no segment asked for. A host resetting data that arrives after it closed also
/// sends one RST per late segment with rising numbers, each the ACK of the segment it answers: that is
/// one stack, not a spray.</summary>
public static class SprayCheck
{
    public static void Check(OriginSubject s, OriginCase c)
    {
        var burst = s.Burst();
        if (burst.Count < 2 || !burst.Zip(burst.Skip(1)).All(pair => pair.First.Seq is { } a && pair.Second.Seq is { } b && SeqSpace.After(b, a)))
        {
            RisingWindows(s, c, burst);
            return;
        }
        var numbers = string.Join(", ", burst.Select(p => p.Seq));
        var frames = string.Join(", ", burst.Select(p => p.Frame));
        var unasked = burst.Where(rst => s.SegmentAnsweredBy(rst) is null && rst.Seq != s.NextSeqBefore(rst.Frame)).ToList();
        if (unasked.Count >= 2)
        {
            c.Against(s.Rst.Frame, $"{burst.Count} RSTs within {OriginSubject.BurstGap.TotalMilliseconds:0} ms with rising sequence numbers {numbers} " +
                                   $"(frames {frames}), {unasked.Count} of them answering no segment: an injector spraying the window",
                SignalWeight.Strong, SignalFamily.Sequence);
            return;
        }
        var answered = burst.Select(rst => s.SegmentAnsweredBy(rst)?.Frame).OfType<long>().ToList();
        c.Explain(s.Rst.Frame, $"{burst.Count} RSTs with rising sequence numbers {numbers} (frames {frames}), each the ACK of a segment " +
                               $"it answers{(answered.Count > 0 ? $" (frames {string.Join(", ", answered)})" : "")} or the {s.Who}'s next " +
                               "number: one stack answering late segments, not a spray");
    }

    /// <summary>Some injectors step the window instead: weak, since nothing about a stack forbids it.</summary>
    private static void RisingWindows(OriginSubject s, OriginCase c, IReadOnlyList<PacketRow> burst)
    {
        if (burst.Count < 3 || !burst.Zip(burst.Skip(1)).All(pair => pair.First.Window is { } a && pair.Second.Window is { } b && b > a))
            return;
        var windows = string.Join(", ", burst.Select(p => p.Window?.ToString(CultureInfo.InvariantCulture)));
        c.Against(s.Rst.Frame, $"{burst.Count} RSTs within {OriginSubject.BurstGap.TotalMilliseconds:0} ms with rising windows {windows}",
            SignalWeight.Weak, SignalFamily.Window);
    }
}
