using TsharkRst.Processes;

namespace TsharkRst.Tshark;

/// <summary>Where tshark is and how to tell a user to install it.</summary>
public sealed record TsharkProgram(string Path)
{
    public const string InstallHint =
        "Install it with 'sudo apt-get install -y tshark' (Debian/Ubuntu), 'sudo dnf install wireshark-cli' " +
        "(Fedora/RHEL) or 'brew install wireshark' (macOS), or name it with --tshark PATH.";

    /// <summary>Where the version of each tshark executable is remembered (see <see cref="TsharkVersionCache"/>).</summary>
    public string VersionCacheFile { get; init; } = TsharkVersionCache.DefaultFile;

    public static TsharkProgram Default { get; } = new(Environment.GetEnvironmentVariable("TSHARKRST_TSHARK") ?? "tshark");

    /// <summary>The first line of <c>tshark --version</c>, e.g. "TShark (Wireshark) 4.0.17"; remembered in
    /// <see cref="TsharkVersionCache"/> while the executable stays the same file.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var executable = TsharkVersionCache.Resolve(Path);
        if (executable is not null && TsharkVersionCache.Find(VersionCacheFile, executable) is { } known)
            return known;
        var output = await ProcessRunner.ReadAllAsync(
            new ProcessCommand(Path, ["--version"]) { Timeout = TimeSpan.FromSeconds(30) },
            cancellationToken, InstallHint).ConfigureAwait(false);
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        var cut = first.IndexOf(" (Git", StringComparison.Ordinal);
        var version = cut > 0 ? first[..cut] : first;
        if (executable is not null && version.Length > 0)
            TsharkVersionCache.Remember(VersionCacheFile, executable, version);
        return version;
    }

    /// <summary>The names of every field this tshark knows (<c>tshark -G fields</c>).</summary>
    public async Task<IReadOnlySet<string>> GetKnownFieldsAsync(CancellationToken cancellationToken = default)
    {
        var output = await ProcessRunner.ReadAllAsync(
            new ProcessCommand(Path, ["-G", "fields"]) { Timeout = TimeSpan.FromMinutes(2) },
            cancellationToken, InstallHint).ConfigureAwait(false);
        return output.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length > 2 && parts[0] == "F")
            .Select(parts => parts[2])
            .ToHashSet(StringComparer.Ordinal);
    }
}
