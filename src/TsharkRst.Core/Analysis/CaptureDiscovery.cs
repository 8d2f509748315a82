namespace TsharkRst.Analysis;

/// <summary>Turns the paths a user gave into captures: a file is taken as it is; a folder is
/// searched recursively and its files are recognised as captures by their first bytes (pcap,
/// pcapng, or gzip of either), not by their extension.</summary>
public static class CaptureDiscovery
{
    public sealed record Result(IReadOnlyList<CaptureInput> Captures, IReadOnlyList<string> Skipped);

    public static Result Find(IEnumerable<string> paths)
    {
        var captures = new List<CaptureInput>();
        var skipped = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var options = new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    // Links to folders are not followed, so a symlink loop cannot trap the search.
                    AttributesToSkip = FileAttributes.ReparsePoint,
                };
                foreach (var file in Directory.EnumerateFiles(path, "*", options).Order(StringComparer.Ordinal))
                {
                    if (LooksLikeCapture(file))
                        captures.Add(new CaptureInput(file, Unique(names, SafeRelative(path, file))));
                    else
                        skipped.Add(file);
                }
            }
            else
            {
                // A missing or unreadable file still becomes a capture, so its error is reported with the others.
                captures.Add(new CaptureInput(path, Unique(names, SafeName(Path.GetFileName(path)))));
            }
        }
        return new Result(captures, skipped);
    }

    /// <summary>pcap (either byte order, micro- or nanosecond), pcapng, or gzip.</summary>
    public static bool LooksLikeCapture(string file)
    {
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var stream = File.OpenRead(file);
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
                return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        uint magic = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
        return magic is 0xa1b2c3d4 or 0xd4c3b2a1 or 0xa1b23c4d or 0x4d3cb2a1 or 0x0a0d0d0a ||
               (head[0] == 0x1f && head[1] == 0x8b);
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
