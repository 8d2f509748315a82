using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>One <see cref="IPAddress"/> and one MAC string per distinct value seen, so the triage pass
/// does not allocate them again for every packet.</summary>
internal sealed class AddressBook
{
    private readonly OpenTable<AddressBits, IPAddress> _ipv4 = new();
    private readonly OpenTable<AddressBits, IPAddress> _ipv6 = new();
    private readonly OpenTable<ulong, string> _macs = new();

    [MethodImpl(HotPath.Compilation)]
    public IPAddress Address(AddressBits value, bool ipv6)
    {
        var book = ipv6 ? _ipv6 : _ipv4;
        var address = book.Find(value);
        if (address is null)
            book.Set(value, address = ipv6 ? Ipv6(value) : new IPAddress(BinaryPrimitives.ReverseEndianness((uint)value.Low)));
        return address;
    }

    /// <summary>As tshark prints eth.src: six lower-case hex bytes joined by colons.</summary>
    [MethodImpl(HotPath.Compilation)]
    public string Mac(ulong value)
    {
        var text = _macs.Find(value);
        if (text is null)
        {
            var hex = value.ToString("x12", CultureInfo.InvariantCulture);
            _macs.Set(value, text = string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))));
        }
        return text;
    }

    private static IPAddress Ipv6(AddressBits value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.WriteIpv6(bytes);
        return new IPAddress(bytes);
    }
}
