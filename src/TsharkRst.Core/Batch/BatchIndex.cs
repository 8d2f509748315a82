using System.Text.Json.Nodes;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The index at the top of a batch's output: index.html, index.md, summary.json,
/// resets.csv and resets.ndjson, rebuilt from the manifest entries and per-capture findings.json of one or more
/// output folders (a run, or the shards `tsharkrst merge` brings together).</summary>
public static class BatchIndex
{
    public const string SummarySchema = "tsharkrst/summary/v1";

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
                var findings = record.Status == CaptureRecord.Analysed ? ReadFindings(folder) : null;
                var entry = IndexEntry.From(record, link, findings);
                var resets = findings?["resets"] as JsonArray ?? [];
                csv.Write(entry, resets);
                ndjson.Write(entry, resets);
                entries.Add(entry);
            }
        });
        lines.Commit();
        var summary = Summary(entries, SkippedFiles.Read(roots));
        var view = IndexView.From(summary, entries);
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.md"), templates.RenderIndexMarkdown(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.html"), templates.RenderIndexHtml(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "summary.json"), summary.ToJsonString(FindingsJson.Options) + "\n");
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

    /// <summary>The skipped files summary.json and the index pages name; the rest are counted.</summary>
    public const int SkippedNamed = 10;

    /// <summary>summary.json: every capture with its resets by verdict, the totals, the busiest reset
    /// servers, the idle-timer patterns, every error, and the files skipped as not captures (counted, the
    /// first <see cref="SkippedNamed"/> named). Nothing in it depends on when or where it was made.</summary>
    public static JsonObject Summary(IReadOnlyList<IndexEntry> entries, IReadOnlyList<string>? skipped = null) => new()
    {
        ["schema"] = SummarySchema,
        ["totals"] = new JsonObject
        {
            ["captures"] = entries.Count,
            ["analysed"] = entries.Count(e => e.Record.Status == CaptureRecord.Analysed),
            ["failed"] = entries.Count(e => e.Record.Status == CaptureRecord.Failed),
            ["skipped"] = skipped?.Count ?? 0,
            ["resets"] = (int)entries.Sum(e => e.Resets),
            ["verdicts"] = Counts(entries.SelectMany(e => e.Verdicts)),
        },
        ["captures"] = new JsonArray(entries.Select(e => (JsonNode)CaptureLine(e)).ToArray()),
        // The resets past a capture's findings limit count here by server, but name no verdicts.
        ["busiestServers"] = new JsonArray(entries
            .SelectMany(e => e.Servers.Select(s => (s.Server, e.Record.Path, s.Verdict, s.Count)))
            .GroupBy(r => r.Server)
            .OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(20)
            .Select(g => (JsonNode)new JsonObject
            {
                ["server"] = g.Key,
                ["resets"] = (int)g.Sum(r => r.Count),
                ["captures"] = g.Select(r => r.Path).Distinct().Count(),
                ["verdicts"] = Counts(g.Where(r => r.Verdict is not null).Select(r => (r.Verdict!, r.Count))),
            }).ToArray()),
        ["idleTimers"] = new JsonArray(entries
            .SelectMany(e => e.IdleTimers.Select(t => (JsonNode)new JsonObject
            {
                ["capture"] = e.Record.Path,
                ["summary"] = t.Summary,
                ["estimatedSeconds"] = t.EstimatedSeconds?.DeepClone(),
            })).ToArray()),
        ["errors"] = new JsonArray(entries
            .SelectMany(e => (e.Record.Failure is { } failure ? [failure] : e.Errors.Select(x => $"{e.Record.Path}: {x}")))
            .Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        ["skipped"] = new JsonArray((skipped ?? []).Take(SkippedNamed).Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
    };

    private static JsonObject CaptureLine(IndexEntry e)
    {
        var line = new JsonObject
        {
            ["path"] = e.Record.Path,
            ["name"] = Path.GetFileName(e.Record.Path),
            ["reports"] = e.Link,
            ["status"] = e.Record.Status,
            ["failure"] = e.Record.Failure,
            ["packets"] = e.Packets,
            ["resets"] = (int)e.Resets,
            ["verdicts"] = Counts(e.Verdicts),
            ["errors"] = new JsonArray(e.Errors.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        };
        // As in findings.json, only a paired capture has it: the other capture, which end this one is,
        // and how many of its resets the other proved to be the claimed sender's (true) or not (false).
        if (e.Pair is { } pair)
            line["pair"] = new JsonObject
            {
                ["capture"] = pair.Capture?.DeepClone(),
                ["path"] = pair.Path?.DeepClone(),
                ["side"] = pair.Side?.DeepClone(),
                ["rstLeftSender"] = Counts(pair.RstLeftSender),
            };
        return line;
    }

    private static JsonObject Counts(IEnumerable<(string Name, long Count)> names)
    {
        var counts = new JsonObject();
        foreach (var group in names.GroupBy(n => n.Name).Select(g => (g.Key, Count: g.Sum(n => n.Count)))
                     .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal))
            counts[group.Key] = (int)group.Count; // as the index pages read them
        return counts;
    }

    private static JsonObject? ReadFindings(string folder)
    {
        var path = Path.Combine(folder, "findings.json");
        try
        {
            if (!File.Exists(path))
                return null;
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream) as JsonObject;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
