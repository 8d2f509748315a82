using System.Runtime.CompilerServices;

namespace TsharkRst.Connections;

/// <summary>The two endpoints of a packet, in a fixed order, so both directions share one key.</summary>
internal readonly record struct ConnectionKey(Endpoint Low, Endpoint High)
{
    // Written out rather than generated: the generated members go through EqualityComparer<Endpoint>,
    // which runs unoptimised for the first part of a triage pass.
    [MethodImpl(HotPath.Compilation)]
    public bool Equals(ConnectionKey other) => Low.Equals(other.Low) && High.Equals(other.High);

    [MethodImpl(HotPath.Compilation)]
    public override int GetHashCode() => Low.GetHashCode() * 31 + High.GetHashCode();

    [MethodImpl(HotPath.Compilation)]
    public static ConnectionKey Of(Endpoint a, Endpoint b) => Compare(a, b) <= 0 ? new(a, b) : new(b, a);

    /// <summary>Address bytes, then port: the order of the two ends of a key.</summary>
    [MethodImpl(HotPath.Compilation)]
    internal static int Compare(Endpoint a, Endpoint b)
    {
        // Compared without allocating: the triage pass keys every packet of a capture.
        Span<byte> first = stackalloc byte[16], second = stackalloc byte[16];
        a.Address.TryWriteBytes(first, out var firstLength);
        b.Address.TryWriteBytes(second, out var secondLength);
        var byAddress = first[..firstLength].SequenceCompareTo(second[..secondLength]);
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }
}
