namespace TsharkRst.Tshark;

/// <summary>What stdbuf(1) does, for a tshark that writes into our pipe: stdio gives a pipe 4 KB writes, a system call
/// and a wake-up of our reader for every 4 KB of rows (worst case: 24,000 per tshark, 0.4 s of CPU). coreutils'
/// libstdbuf, preloaded, makes them 256 KB. Without the library, tshark writes as it always did.</summary>
public static class StdoutBuffering
{
    public const int Bytes = 256 << 10;

    /// <summary>Where Debian, Ubuntu, Fedora and Arch install the library.</summary>
    private static readonly string[] Libraries =
    [
        "/usr/libexec/coreutils/libstdbuf.so",
        "/usr/lib/coreutils/libstdbuf.so",
        "/usr/lib64/coreutils/libstdbuf.so",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string?>> Installed = new(() =>
        Environment(Libraries.FirstOrDefault(File.Exists), System.Environment.GetEnvironmentVariable("LD_PRELOAD")));

    /// <summary>The variables for a tshark of this machine.</summary>
    public static IReadOnlyDictionary<string, string?> ForTshark => Installed.Value;

    /// <summary>The variables that preload <paramref name="library"/> (none without it), after whatever
    /// <paramref name="preloaded"/> already preloads.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(string? library, string? preloaded) => library is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = string.IsNullOrWhiteSpace(preloaded) ? library : $"{preloaded} {library}",
            ["_STDBUF_O"] = Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
