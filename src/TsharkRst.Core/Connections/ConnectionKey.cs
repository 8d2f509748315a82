namespace TsharkRst.Connections;

/// <summary>The two endpoints of a packet, in a fixed order, so both directions share one key.</summary>
internal readonly record struct ConnectionKey(Endpoint Low, Endpoint High)
{
    public static ConnectionKey Of(Endpoint a, Endpoint b) => Compare(a, b) <= 0 ? new(a, b) : new(b, a);

    private static int Compare(Endpoint a, Endpoint b)
    {
        // Compared without allocating: the triage pass keys every packet of a capture.
        Span<byte> first = stackalloc byte[16], second = stackalloc byte[16];
        a.Address.TryWriteBytes(first, out var firstLength);
        b.Address.TryWriteBytes(second, out var secondLength);
        var byAddress = first[..firstLength].SequenceCompareTo(second[..secondLength]);
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }
}
