using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>One <see cref="IPAddress"/> and one MAC string per distinct value seen, so the triage pass
/// does not allocate them again for every packet.</summary>
internal sealed class AddressBook
{
    private readonly Dictionary<UInt128, IPAddress> _ipv4 = [];
    private readonly Dictionary<UInt128, IPAddress> _ipv6 = [];
    private readonly Dictionary<ulong, string> _macs = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IPAddress Address(UInt128 value, bool ipv6)
    {
        var book = ipv6 ? _ipv6 : _ipv4;
        if (!book.TryGetValue(value, out var address))
            book[value] = address = ipv6 ? Ipv6(value) : new IPAddress(BinaryPrimitives.ReverseEndianness((uint)value));
        return address;
    }

    /// <summary>As tshark prints eth.src: six lower-case hex bytes joined by colons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Mac(ulong value)
    {
        if (!_macs.TryGetValue(value, out var text))
        {
            var hex = value.ToString("x12", CultureInfo.InvariantCulture);
            _macs[value] = text = string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)));
        }
        return text;
    }

    private static IPAddress Ipv6(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
