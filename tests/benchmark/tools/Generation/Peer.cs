using System.Net;

namespace TsharkRst.Benchmark.Generation;

/// <summary>A host as the capture point sees it: its address, the MAC its frames carry there (its own,
/// or the router's for hosts beyond it), and the TTL or hop limit its packets arrive with.</summary>
internal sealed record Peer(byte[] Address, ulong Mac, byte Ttl)
{
    /// <summary>The router between the capture point and everything outside: remote hosts' frames carry its MAC.</summary>
    public const ulong RouterMac = 0x0200_0000_0001;

    public bool IsIpv6 => Address.Length == 16;

    /// <summary>A host behind the router, <paramref name="hops"/> routers away from a stack that starts at <paramref name="initialTtl"/>.</summary>
    public static Peer Remote(string address, int initialTtl, int hops) => new(Parse(address), RouterMac, (byte)(initialTtl - hops));

    /// <summary>A host on the capture point's own segment, with a MAC of its own.</summary>
    public static Peer Local(string address, ulong mac, int ttl = 64) => new(Parse(address), mac, (byte)ttl);

    /// <summary>Only documentation ranges are used: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32.</summary>
    private static byte[] Parse(string address) => IPAddress.Parse(address).GetAddressBytes();
}
