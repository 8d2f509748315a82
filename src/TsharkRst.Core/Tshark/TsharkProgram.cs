using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>The dialect of each executable this process probed, so a batch probes once.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<TsharkDialect>>> Dialects = new(StringComparer.Ordinal);

    /// <summary>The version from the first line of <c>tshark --version</c>, e.g. "TShark (Wireshark) 4.0.17";
    /// remembered in <see cref="TsharkVersionCache"/> while the executable stays the same file.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var executable = TsharkVersionCache.Resolve(Path);
        if (executable is not null && TsharkVersionCache.Find(VersionCacheFile, executable) is { } known)
            return VersionOf(known.Version);
        var output = await ProcessRunner.ReadAllAsync(
            new ProcessCommand(Path, ["--version"]) { Timeout = TimeSpan.FromSeconds(30) },
            cancellationToken, InstallHint).ConfigureAwait(false);
        var version = VersionOf(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "");
        if (executable is not null && version.Length > 0)
            TsharkVersionCache.Remember(VersionCacheFile, executable, version);
        return version;
    }

    /// <summary>"TShark (Wireshark) 4.0.17" from the first line of --version, whatever follows the number:
    /// " (Git v4.0.17 packaged as 4.0.17-0+deb12u3)." (4.0), "." (4.4), " (v4.6.0-0-g1234abcd)." (builds).</summary>
    public static string VersionOf(string firstLine)
    {
        var line = firstLine.Trim();
        if (Regex.Match(line, @"^(?<name>\S.*?) (?<number>\d+\.\d+(\.\d+)?)(?=$|[ .(])") is { Success: true } match)
            return $"{match.Groups["name"].Value} {match.Groups["number"].Value}";
        return line.TrimEnd('.');
    }

    /// <summary>How this tshark writes field text where versions differ: learnt once per executable from
    /// <see cref="TsharkProbe"/> and remembered beside its version. If the probe cannot run, the version
    /// decides (4.4 and later as 4.4, earlier as 4.0).</summary>
    public async Task<TsharkDialect> GetDialectAsync(TsharkFields fields, CancellationToken cancellationToken = default)
    {
        // The names, not their SHA-256: hashing loads OpenSSL, and this is asked as tshark starts.
        var key = $"{Path}\n{VersionCacheFile}\n{string.Join('\n', fields.Names)}";
        // One probe for every caller, bounded by its own time limit; a caller that stops only stops waiting.
        var shared = Dialects.GetOrAdd(key, _ => new Lazy<Task<TsharkDialect>>(() => FindDialectAsync(fields, CancellationToken.None)));
        try
        {
            return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Dialects.TryRemove(KeyValuePair.Create(key, shared));
            throw;
        }
    }

    private async Task<TsharkDialect> FindDialectAsync(TsharkFields fields, CancellationToken cancellationToken)
    {
        var executable = TsharkVersionCache.Resolve(Path);
        if (executable is not null && TsharkVersionCache.Find(VersionCacheFile, executable) is { Dialect: { } known })
            return known;
        var version = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        TsharkDialect dialect;
        try
        {
            dialect = (await TsharkProbe.RunAsync(this, fields, cancellationToken).ConfigureAwait(false)).Dialect;
        }
        catch (Exception ex) when (ex is TsharkRstException or IOException or UnauthorizedAccessException && ex is not ProgramNotFoundException)
        {
            var newer = Regex.Match(version, @" (\d+)\.(\d+)") is { Success: true } m &&
                        (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) is var (major, minor) &&
                        (major > 4 || (major == 4 && minor >= 4));
            return newer ? new TsharkDialect(true, true, true) : TsharkDialect.Reference;
        }
        if (executable is not null && version.Length > 0)
            TsharkVersionCache.Remember(VersionCacheFile, executable, version, dialect);
        return dialect;
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
