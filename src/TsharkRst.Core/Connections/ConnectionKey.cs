namespace TsharkRst.Connections;

/// <summary>The two endpoints of a packet, in a fixed order, so both directions share one key.</summary>
internal readonly record struct ConnectionKey(Endpoint Low, Endpoint High)
{
    public static ConnectionKey Of(Endpoint a, Endpoint b) => Compare(a, b) <= 0 ? new(a, b) : new(b, a);

    private static int Compare(Endpoint a, Endpoint b)
    {
        var byAddress = a.Address.GetAddressBytes().AsSpan().SequenceCompareTo(b.Address.GetAddressBytes());
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }
}
