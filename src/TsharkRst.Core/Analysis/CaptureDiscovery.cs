namespace TsharkRst.Analysis;

/// <summary>Turns the paths a user gave into captures: a file is taken as it is; a folder is
/// searched recursively (following links to folders, but never around a loop) and its files are
/// captures when their first bytes say so (pcap, pcapng, or gzip of either) or their name does
/// (<see cref="CaptureExtensions"/>): a file named as a capture whose content is not one is analysed,
/// and fails with the reason, rather than vanish. A file that cannot be read is still listed, so its
/// error is reported with the others; every other file is skipped.</summary>
public static class CaptureDiscovery
{
    /// <summary>The captures found, the files that are not captures, and what could not be searched
    /// (folders that cannot be read, link loops): warnings, never fatal.</summary>
    public sealed record Result(IReadOnlyList<CaptureInput> Captures, IReadOnlyList<string> Skipped, IReadOnlyList<string> Problems);

    /// <summary>The endings of files named as captures, each also gzip-compressed (".pcap.gz").</summary>
    public static IReadOnlyList<string> CaptureExtensions { get; } = [".pcap", ".pcapng", ".cap", ".ntar", ".dmp", ".trc"];

    public static Result Find(IEnumerable<string> paths)
    {
        var captures = new List<CaptureInput>();
        var skipped = new List<string>();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var visited = new HashSet<string>(StringComparer.Ordinal);
                foreach (var file in Walk(new DirectoryInfo(path), visited, problems))
                {
                    if (Kind(file) == FileKind.Other && !IsNamedAsCapture(file))
                        skipped.Add(file);
                    else
                        captures.Add(new CaptureInput(file, Unique(names, SafeRelative(path, file))));
                }
            }
            else
            {
                captures.Add(new CaptureInput(path, Unique(names, SafeName(Path.GetFileName(path)))));
            }
        }
        return new Result(captures, skipped, problems);
    }

    private static IEnumerable<string> Walk(DirectoryInfo folder, HashSet<string> visited, List<string> problems)
    {
        var real = folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName;
        if (!visited.Add(Path.TrimEndingDirectorySeparator(real)))
        {
            problems.Add($"{folder.FullName}: a link back to {real}, which is already being searched; not followed again.");
            yield break;
        }
        FileSystemInfo[] entries;
        try
        {
            entries = folder.GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            problems.Add($"{folder.FullName}: cannot be read ({ex.Message}); its captures are left out.");
            yield break;
        }
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo sub)
            {
                foreach (var file in Walk(sub, visited, problems))
                    yield return file;
            }
            else if (entry is FileInfo { Exists: true } or FileInfo { LinkTarget: not null })
            {
                yield return Path.Combine(folder.ToString(), entry.Name);
            }
        }
    }

    private enum FileKind
    {
        Capture,
        Unreadable,
        Other,
    }

    private static FileKind Kind(string file) => LooksLikeCapture(file, out var readable) ? FileKind.Capture : readable ? FileKind.Other : FileKind.Unreadable;

    /// <summary>pcap (either byte order, micro- or nanosecond), pcapng, or gzip.</summary>
    public static bool LooksLikeCapture(string file) => LooksLikeCapture(file, out _);

    private static bool LooksLikeCapture(string file, out bool readable)
    {
        Span<byte> head = stackalloc byte[4];
        readable = true;
        try
        {
            using var stream = File.OpenRead(file);
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
                return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            readable = false;
            return false;
        }
        uint magic = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
        return magic is 0xa1b2c3d4 or 0xd4c3b2a1 or 0xa1b23c4d or 0x4d3cb2a1 or 0x0a0d0d0a ||
               (head[0] == 0x1f && head[1] == 0x8b);
    }

    /// <summary>True when the file's name ends as a capture's does (in any case), gzip-compressed or not.</summary>
    public static bool IsNamedAsCapture(string file)
    {
        var name = Path.GetFileName(file);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            name = name[..^3];
        return CaptureExtensions.Any(extension => name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
    }

    private static string SafeRelative(string root, string file) =>
        string.Join('/', Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Select(SafeName));

    /// <summary>A path segment that cannot climb out of the output folder or hide itself.</summary>
    internal static string SafeName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsControl(c) || c is '/' or '\\' or ':' ? '_' : c).ToArray()).Trim();
        return cleaned is "" or "." or ".." ? "capture" : cleaned.StartsWith('.') ? "_" + cleaned[1..] : cleaned;
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++)
            candidate = $"{name}-{i}";
        return candidate;
    }
}
