using System.Text.Json;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The index at the top of a batch's output: index.html, index.md, summary.json, resets.csv and
/// resets.ndjson, rebuilt from the manifest entries and per-capture findings.json of one or more output folders
/// (a run, or the shards `tsharkrst merge` brings together).</summary>
public static class BatchIndex
{
    /// <summary>Whether a run is a batch, which gets an index without asking: a folder or several captures were given,
    /// or <paramref name="outputRoot"/> already has an index, which must not go stale. One capture alone needs none
    /// (its folder holds the whole answer), and building one was a tenth of such a run.</summary>
    public static bool IsBatch(IEnumerable<string> paths, int captures, string outputRoot) =>
        captures > 1 || paths.Any(Directory.Exists) || IndexFiles.Any(name => File.Exists(Path.Combine(outputRoot, name)));

    /// <summary>The files <see cref="Write"/> puts at the top of a batch's output.</summary>
    public static IReadOnlyList<string> IndexFiles { get; } = ["index.html", "index.md", "summary.json", "resets.csv", "resets.ndjson"];

    /// <summary>Writes the index of every capture recorded under <paramref name="roots"/>, in the order of their
    /// paths, and returns their entries. Each findings.json is read once, its resets written to resets.csv
    /// and resets.ndjson as it is read, so only one capture's resets are in memory at a time.</summary>
    public static IReadOnlyList<IndexEntry> Write(IEnumerable<string> roots, string indexFolder, ReportTemplates templates)
    {
        Directory.CreateDirectory(indexFolder);
        var entries = new List<IndexEntry>();
        using var lines = new PendingFile(Path.Combine(indexFolder, "resets.ndjson"));
        AtomicFile.Write(Path.Combine(indexFolder, "resets.csv"), stream =>
        {
            using var csv = new ResetsCsv(stream);
            using var ndjson = new ResetsNdjson(lines.Stream);
            foreach (var (record, link, folder) in Recorded(roots, indexFolder))
            {
                var (findings, unreadable) = record.Status == CaptureRecord.Analysed ? ReadFindings(folder) : (null, null);
                var entry = new IndexEntry(record.Path, link, record.Status, record.Failure).With(findings);
                if (unreadable is not null)
                    entry = entry with { Errors = [unreadable] };
                var resets = findings?.Resets ?? [];
                csv.Write(entry, resets);
                ndjson.Write(entry, resets);
                entries.Add(entry);
            }
        });
        lines.Commit();
        var summary = BatchSummary.Of(entries, SkippedFiles.Read(roots));
        var view = IndexView.From(summary, entries);
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.md"), templates.RenderIndexMarkdown(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.html"), templates.RenderIndexHtml(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "summary.json"),
            JsonSerializer.Serialize(summary, FindingsJsonContext.Indented.BatchSummary) + "\n");
        return entries;
    }

    /// <summary>The manifest entries under <paramref name="roots"/>, each output folder once, by capture path.</summary>
    private static List<(CaptureRecord Record, string Link, string Folder)> Recorded(IEnumerable<string> roots, string indexFolder)
    {
        var recorded = new List<(CaptureRecord Record, string Link, string Folder)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var record in new CaptureManifest(root).ReadAll())
            {
                var folder = Path.GetFullPath(Path.Combine(root, record.Output));
                if (seen.Add(folder))
                    recorded.Add((record, Path.GetRelativePath(Path.GetFullPath(indexFolder), folder).Replace(Path.DirectorySeparatorChar, '/'), folder));
            }
        }
        return recorded.OrderBy(r => r.Record.Path, StringComparer.Ordinal).ThenBy(r => r.Link, StringComparer.Ordinal).ToList();
    }

    /// <summary>A capture's findings.json, or why the index cannot show it (no file: nothing to say, as with --format without json).</summary>
    private static (FindingsFile? Findings, string? Unreadable) ReadFindings(string folder)
    {
        var path = Path.Combine(folder, "findings.json");
        try
        {
            if (!File.Exists(path))
                return (null, null);
            using var stream = File.OpenRead(path);
            return (FindingsJson.Read(stream), null);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return (null, $"findings.json could not be read, so its resets are not in this index: {ex.Message}");
        }
    }
}
