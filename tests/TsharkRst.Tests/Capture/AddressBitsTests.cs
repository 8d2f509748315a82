using TsharkRst.Capture;

namespace TsharkRst.Tests.Capture;

public class AddressBitsTests
{
    [Fact]
    public void Addresses_order_as_unsigned_128_bit_numbers()
    {
        AddressBits[] sorted =
        [
            AddressBits.Ipv4(0xC000_0201), AddressBits.Ipv4(0xFFFF_FFFF),
            AddressBits.Ipv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]),
            AddressBits.Ipv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x00]),
            AddressBits.Ipv6([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]),
        ];
        for (var i = 0; i < sorted.Length; i++)
            for (var j = 0; j < sorted.Length; j++)
                Assert.Equal(i.CompareTo(j), Math.Sign(sorted[i].CompareTo(sorted[j])));
        Assert.True(sorted[0] < sorted[1] && sorted[2] > sorted[1] && sorted[3] >= sorted[3] && sorted[3] <= sorted[4]);
    }
}
