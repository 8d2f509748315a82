using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>The interface a packet was captured on: its link-layer type, snapshot length (0: none
/// declared) and how its timestamps count (units per second, plus an offset in seconds, pcapng's
/// if_tsresol and if_tsoffset).</summary>
public sealed record CaptureInterface(int LinkType, uint SnapLength, ulong UnitsPerSecond = 1_000_000, long OffsetSeconds = 0)
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const ulong Billion = NanosecondsPerSecond;

    /// <summary>A timestamp in this interface's units as nanoseconds since 1970.</summary>
    [MethodImpl(HotPath.Compilation)]
    public long Nanoseconds(ulong units)
    {
        var offset = OffsetSeconds * NanosecondsPerSecond;
        return UnitsPerSecond switch
        {
            1_000_000 => unchecked((long)(units * 1000)) + offset,
            1_000_000_000 => unchecked((long)units) + offset,
            <= ulong.MaxValue / Billion => Scaled(units) + offset,
            _ => Fine(units) + offset,
        };
    }

    /// <summary>units × 10⁹ / units per second, whole seconds and the rest apart: no 128-bit product, which would leave
    /// this method to the JIT (see <see cref="AddressBits"/>).</summary>
    private long Scaled(ulong units) =>
        unchecked((long)(units / UnitsPerSecond * Billion + units % UnitsPerSecond * Billion / UnitsPerSecond));

    /// <summary>A resolution finer than about 54 ps (picoseconds, or 2⁻³⁵ s and finer), where the rest times 10⁹ needs more than 64 bits.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Fine(ulong units) => (long)((UInt128)units * NanosecondsPerSecond / UnitsPerSecond);
}
