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
}
