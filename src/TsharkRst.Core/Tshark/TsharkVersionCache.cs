namespace TsharkRst.Tshark;

/// <summary>tshark's version and dialect by executable file (path, size, modification time), kept in the
/// user's cache folder: asking tshark takes a third of a second of the two cores a short run has, and an
/// upgrade replaces the file, which makes the entry stale. A cache that cannot be read or written is
/// simply not used.</summary>
internal static class TsharkVersionCache
{
    public static string DefaultFile =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "tsharkrst", "tshark-version.tsv");

    /// <summary>The file that runs for <paramref name="program"/> (a path, or a name looked up in PATH), or null.</summary>
    public static FileInfo? Resolve(string program)
    {
        var candidates = program.Contains(Path.DirectorySeparatorChar)
            ? [program]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, program));
        foreach (var candidate in candidates)
        {
            try
            {
                var file = new FileInfo(candidate);
                if (!file.Exists)
                    continue;
                return file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>The version remembered for <paramref name="executable"/>, and its dialect when the probe ran.</summary>
    public static (string Version, TsharkDialect? Dialect)? Find(string file, FileInfo executable)
    {
        try
        {
            var key = Key(executable);
            var parts = File.ReadLines(file)
                .Select(line => line.Split('\t'))
                .FirstOrDefault(parts => parts.Length is 2 or 3 && parts[0] == key);
            return parts is null ? null : (parts[1], parts.Length == 3 ? TsharkDialect.FromCacheText(parts[2]) : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Remember(string file, FileInfo executable, string version, TsharkDialect? dialect = null)
    {
        try
        {
            var key = Key(executable);
            var lines = File.Exists(file) ? File.ReadLines(file).ToList() : [];
            var others = lines.Where(line => !line.StartsWith(key + "\t", StringComparison.Ordinal)).Take(50).ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var line = $"{key}\t{version.Replace('\t', ' ')}";
            // A version written after the probe's result (they are asked side by side) keeps that result.
            line = dialect is not null ? $"{line}\t{dialect.CacheText}" : lines.FirstOrDefault(l => l.StartsWith(line + "\t", StringComparison.Ordinal)) ?? line;
            File.WriteAllLines(temporary, [line, .. others]);
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a cache: the next run asks tshark again.
        }
    }

    private static string Key(FileInfo executable) =>
        $"{executable.FullName.Replace('\t', ' ')}|{executable.Length}|{executable.LastWriteTimeUtc.Ticks}";
}
