using System.Globalization;

namespace TsharkRst.Findings;

/// <summary>How many routers a packet crossed: the inferred initial TTL or hop limit (the smallest of
/// 32, 64, 128 and 255 at or above the value seen) minus the value seen. One host may send with two
/// initial values (its kernel and an application), so distances are compared, never raw values.</summary>
public readonly record struct HopDistance(int Seen)
{
    public int Initial => Seen <= 32 ? 32 : Seen <= 64 ? 64 : Seen <= 128 ? 128 : 255;

    public int Hops => Initial - Seen;

    public override string ToString() =>
        $"{Seen.ToString(CultureInfo.InvariantCulture)} ({Hops.ToString(CultureInfo.InvariantCulture)} {(Hops == 1 ? "hop" : "hops")} from {Initial.ToString(CultureInfo.InvariantCulture)})";
}
