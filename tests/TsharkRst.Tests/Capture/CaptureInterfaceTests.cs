using System.Numerics;
using TsharkRst.Capture;

namespace TsharkRst.Tests.Capture;

public class CaptureInterfaceTests
{
    [Theory]
    [InlineData(1_000_000UL, 1_795_000_000_123_456UL)] // µs
    [InlineData(1_000_000_000UL, 1_795_000_000_123_456_789UL)] // ns
    [InlineData(1UL << 20, (1_795_000_000UL << 20) + 777_777UL)] // 2^-20 s, the rest not a whole number of ns
    [InlineData(100UL, 179_500_000_012UL)] // 10 ms
    [InlineData(1_000_000_000_000UL, 17_950_000_001_234_567_891UL)] // ps: finer than 54 ps, the 128-bit path
    [InlineData(1UL << 62, ulong.MaxValue - 5)] // 2^-62 s: the 128-bit path too
    public void Timestamps_become_nanoseconds_rounded_down_at_any_resolution(ulong unitsPerSecond, ulong units)
    {
        var expected = (long)(new BigInteger(units) * 1_000_000_000 / unitsPerSecond) + 7_000_000_000;
        Assert.Equal(expected, new CaptureInterface(LinkType.Raw, 0, unitsPerSecond, OffsetSeconds: 7).Nanoseconds(units));
    }

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
