using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>RFC 5961: a receiver answers a RST whose number is in its window but not the one it expects
/// with a challenge ACK. A genuine sender whose socket is gone answers that ACK with a RST at the asked
/// number; a sender that goes on sending never reset the connection.</summary>
public static class ChallengeAckCheck
{
    public static void Check(OriginSubject s, OriginCase c)
    {
        var snapshot = s.Snapshot;
        var rst = s.Rst;
        var reply = snapshot.Connection.Packets.Skip(snapshot.RstIndex + 1).FirstOrDefault(p => !s.FromSender(p));
        if (reply is null || reply.Has(TcpFlags.Rst) || reply.PayloadLength > 0 || !reply.Has(TcpFlags.Ack) ||
            reply.Time - rst.Time > ResetSnapshot.AnswerWindow || rst.Seq is not { } seq || reply.Ack == seq)
            return;
        if (reply.Ack != s.PeerBefore.LastOrDefault()?.Ack)
            return;
        var later = snapshot.Connection.Packets.Where(p => p.Frame > reply.Frame && s.FromSender(p)).ToList();
        if (later.Any(p => p.Has(TcpFlags.Rst) && p.Seq == reply.Ack))
            return;
        var alive = later.FirstOrDefault(p => !p.Has(TcpFlags.Rst));
        var note = $"challenge ACK: the receiver answered the RST with ack {reply.Ack} instead of closing (RFC 5961), " +
                   $"so the RST's sequence number {seq} was not the {s.Who}'s next one";
        if (alive is not null)
            c.Against(reply.Frame, $"{note}; the {s.Who} never answered it with a RST and went on sending (frame {alive.Frame})",
                SignalWeight.Proof, SignalFamily.Receiver);
        else
            c.Against(reply.Frame, note, SignalWeight.Strong, SignalFamily.Receiver);
    }
}
