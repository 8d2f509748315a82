using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>TCP sequence arithmetic: numbers wrap modulo 2^32 (RFC 1982 serial arithmetic).</summary>
public static class SeqSpace
{
    public static bool After(uint a, uint b) => unchecked((int)(a - b)) > 0;

    /// <summary>True when <paramref name="seq"/> lies from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
    public static bool Within(uint seq, uint low, uint high) => !After(low, seq) && !After(seq, high);

    /// <summary>The sequence number after this segment: its data, SYN and FIN each take numbers.</summary>
    public static uint Next(PacketRow p) => unchecked((uint)(p.Seq!.Value + p.PayloadLength +
        (p.Has(TcpFlags.Syn) ? 1 : 0) + (p.Has(TcpFlags.Fin) ? 1 : 0)));
}
