using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>A genuine RST carries a number its sender's stack would use (RFC 9293, 3.10.7): the ACK of
/// the segment it answers, zero when that segment carried no ACK, or one in the sender's own sequence
/// space (its next number on an abort), allowing for data the capture does not hold.</summary>
public static class SequenceCheck
{
    public static void Check(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        if (rst.Seq is not { } seq)
            return;
        var ownSeqs = s.OwnBefore.Where(p => p.Seq is not null).ToList();
        var next = s.NextSeqBefore(rst.Frame);
        var lowest = ownSeqs.Count > 0
            ? ownSeqs.Select(p => p.Seq!.Value).Aggregate((a, b) => SeqSpace.After(a, b) ? b : a)
            : s.PeerBefore.FirstOrDefault(p => p.Has(TcpFlags.Ack))?.Ack;
        var inOwnSpace = next is { } n && lowest is { } low && SeqSpace.Within(seq, low, unchecked(n + OriginSubject.UnseenDataAllowance));

        if (s.SegmentAnsweredBy(rst) is { } answered)
        {
            var ownNext = ownSeqs.Count > 0 ? ownSeqs.Select(SeqSpace.Next).Aggregate((a, b) => SeqSpace.After(a, b) ? a : b) : (uint?)null;
            if (seq != ownNext)
                c.Explain(rst.Frame, $"RST sequence number {seq} = the ACK of frame {answered.Frame}: the {s.Who}'s stack answering " +
                                     "that segment (RFC 9293, 3.10.7)");
            return;
        }
        if (seq == 0 && s.Snapshot.Answered is { } bare && !bare.Has(TcpFlags.Ack))
            return;
        if (inOwnSpace || next is null || lowest is null)
            return;
        c.Against(rst.Frame, $"RST sequence number {seq}, the {s.Who}'s own sequence space in this connection was {lowest} to {next}, " +
                             $"and no segment it answers carried that number in its ACK: not a number the {s.Who}'s stack would use",
            SignalWeight.Strong, SignalFamily.Sequence);
    }
}
