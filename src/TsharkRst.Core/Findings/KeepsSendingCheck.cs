using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>A stack that reset a connection sends nothing more in it, so the claimed sender going on in
/// the same sequence space means the RST raced its real traffic. Two ordinary cases look the same: a
/// half-open prober, whose kernel resets the SYN-ACK of a SYN a raw socket sent while that raw sender
/// goes on; and a damaged or crafted segment that carries the RST bit among stray ones while the
/// sender's stream runs on through it.</summary>
public static class KeepsSendingCheck
{
    private const TcpFlags Stray = TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Urg | TcpFlags.Ece | TcpFlags.Cwr;

    public static void Check(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        if (rst.Seq is not { } rstSeq || ContinuingPacket(s, rstSeq) is not { } after)
            return;
        var what = after.PayloadLength > 0 ? $"{after.PayloadLength} bytes of data" : "a FIN";
        if (IsDamaged(rst, after))
        {
            c.Explain(rst.Frame, $"frame {rst.Frame} carries the RST bit on a damaged or crafted segment ({Describe(rst)}), and the " +
                                 $"{s.Who}'s stream runs on through it (frame {after.Frame}): not a reset");
            c.Agrees(SenderMatch.OwnStream);
            return;
        }
        if (s.ResetsUnaskedSynAck)
        {
            c.Explain(after.Frame, $"the client sent {what} after its RST (frame {rst.Frame}), but that RST answered the SYN-ACK with " +
                                   "its ACK number: the client's kernel resetting a SYN it had not sent through a socket while a raw " +
                                   "sender on the same host went on (a half-open prober)");
            return;
        }
        c.Against(after.Frame, $"the {s.Who} sent {what} after the RST in its name (frame {rst.Frame}), continuing its own sequence " +
                               "numbers: its connection was still open", SignalWeight.Strong, SignalFamily.SenderAlive);
    }

    /// <summary>The sender's first data or FIN after the RST that continues its sequence space at or past the
    /// RST's number. Data lying wholly before that number was sent before the RST and only captured late.</summary>
    private static PacketRow? ContinuingPacket(OriginSubject s, uint rstSeq)
    {
        var next = s.NextSeqBefore(s.Rst.Frame);
        return s.Own.FirstOrDefault(p => p.Frame > s.Rst.Frame && (p.PayloadLength > 0 || p.Has(TcpFlags.Fin)) && p.Seq is { } seq &&
                                         SeqSpace.After(SeqSpace.Next(p), rstSeq) &&
                                         (next is null || SeqSpace.Within(seq, rstSeq, unchecked(next.Value + OriginSubject.UnseenDataAllowance))));
    }

    /// <summary>A RST with stray flags, data, or an ACK number without the ACK bit, past which the sender's
    /// stream runs on as if it were ordinary data.</summary>
    private static bool IsDamaged(PacketRow rst, PacketRow after) =>
        (((rst.Flags ?? 0) & Stray) != 0 || rst.PayloadLength > 0 || (!rst.Has(TcpFlags.Ack) && rst.Ack is > 0)) &&
        after.Seq is { } seq && !SeqSpace.After(rst.Seq!.Value, seq);

    private static string Describe(PacketRow rst)
    {
        var flags = (rst.Flags ?? TcpFlags.None).ToString().ToUpperInvariant().Replace(", ", "+", StringComparison.Ordinal);
        var traits = new List<string> { $"flags {flags}" };
        if (rst.PayloadLength > 0)
            traits.Add($"{rst.PayloadLength} bytes of data");
        if (!rst.Has(TcpFlags.Ack) && rst.Ack is > 0)
            traits.Add("an ACK number without the ACK bit");
        return string.Join(", ", traits);
    }
}
