using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>The link-layer header types (LINKTYPE_ values of pcap and pcapng) the triage pass decodes.
/// Any other type sends the whole capture to tshark instead.</summary>
public static class LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;

    public const int Ethernet = 1;

    /// <summary>Raw IP as some BSDs number it in pcap files (DLT_RAW 12 and 14).</summary>
    public const int RawBsd12 = 12;

    public const int RawBsd14 = 14;

    /// <summary>Raw IPv4 or IPv6, told apart by the version nibble.</summary>
    public const int Raw = 101;

    /// <summary>OpenBSD loopback: the address family in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>Linux cooked capture (the "any" interface).</summary>
    public const int LinuxSll = 113;

    public const int Ipv4 = 228;

    public const int Ipv6 = 229;

    /// <summary>Linux cooked capture v2 (tcpdump 4.99 and later on "any").</summary>
    public const int LinuxSll2 = 276;

    [MethodImpl(HotPath.Compilation)]
    public static bool IsDecoded(int linkType) => linkType is Null or Ethernet or RawBsd12 or RawBsd14 or Raw or Loop
        or LinuxSll or Ipv4 or Ipv6 or LinuxSll2;
}
