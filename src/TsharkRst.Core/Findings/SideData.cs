using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>What one side had sent before the RST: its first payload in the capture, and, where the capture
/// holds none of its packets (one direction only: asymmetric routing, a SPAN port), the bytes the other
/// side's ACKs prove it sent.</summary>
public sealed record SideData(PacketRow? FirstPayload, long CapturedBytes, long AckedBytes, PacketRow? ProvingAck)
{
    public static SideData None { get; } = new(null, 0, 0, null);

    public bool Sent => FirstPayload is not null || AckedBytes > 0;

    /// <summary>Bytes the ACKs prove that none of this side's captured packets carry.</summary>
    public long Unseen => FirstPayload is null ? AckedBytes : 0;

    /// <summary>The side's payload and the ACKs for it: the first payload is the first packet with
    /// application payload (<paramref name="isPayload"/>). When the capture holds no packet of this side, the
    /// acknowledged bytes count from its first sequence number (from the connection's start when the capture
    /// holds it, else from the first ACK seen).</summary>
    public static SideData Of(IReadOnlyList<PacketRow> before, Func<PacketRow, bool> mine, Func<PacketRow, bool> isPayload, uint? firstSeq)
    {
        var first = before.FirstOrDefault(p => mine(p) && isPayload(p));
        var captured = before.Where(mine).Sum(p => (long)p.PayloadLength);
        // What a side's own captured packets show is not proven again from the other side's ACKs.
        if (before.Any(mine) || (firstSeq ?? before.FirstOrDefault(p => !mine(p) && p.Has(TcpFlags.Ack))?.Ack) is not { } start)
            return new SideData(first, captured, 0, null);
        PacketRow? proving = null;
        foreach (var p in before)
            if (!mine(p) && p.Has(TcpFlags.Ack) && p.Ack is { } ack && SeqSpace.After(ack, proving?.Ack ?? start))
                proving = p;
        var acked = proving is null ? 0 : unchecked((uint)(proving.Ack!.Value - start));
        return new SideData(first, captured, acked, proving);
    }
}
