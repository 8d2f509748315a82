using System.Collections.Frozen;
using System.Globalization;

namespace TsharkRst.Tshark;

/// <summary>What stdbuf(1) does, for a tshark that writes into our pipe: stdio gives a pipe 4 KB writes, a system call
/// and a wake-up of our reader for every 4 KB of rows (worst case: 24,000 per tshark, 0.4 s of CPU). coreutils'
/// libstdbuf, preloaded, makes them 256 KB. Without the library, or with TSHARKRST_STDBUF=0 (for a tshark whose C
/// library is not the system's), tshark writes as it always did. A tshark killed by a signal loses the rows still in
/// its buffer: up to 256 KB instead of 4 KB.</summary>
public static class StdoutBuffering
{
    public const int BufferBytes = 256 << 10;

    /// <summary>Where coreutils installs the library: Debian, Ubuntu and Fedora, then Arch.</summary>
    private static readonly string[] Libraries = ["/usr/libexec/coreutils/libstdbuf.so", "/usr/lib/coreutils/libstdbuf.so"];

    private static readonly Lazy<IReadOnlyDictionary<string, string?>> Installed = new(() =>
        Variables(Environment.GetEnvironmentVariable("TSHARKRST_STDBUF") == "0" ? null : Libraries.FirstOrDefault(File.Exists),
            Environment.GetEnvironmentVariable("LD_PRELOAD")));

    /// <summary>The variables for a tshark of this machine.</summary>
    public static IReadOnlyDictionary<string, string?> ForTshark => Installed.Value;

    /// <summary>The variables that preload <paramref name="library"/> (none without it), after whatever
    /// <paramref name="preloaded"/> already preloads.</summary>
    public static IReadOnlyDictionary<string, string?> Variables(string? library, string? preloaded) => library is null
        ? FrozenDictionary<string, string?>.Empty
        : new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = string.IsNullOrWhiteSpace(preloaded) ? library : $"{preloaded} {library}",
            ["_STDBUF_O"] = BufferBytes.ToString(CultureInfo.InvariantCulture),
        }.ToFrozenDictionary();
}
