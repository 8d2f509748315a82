using System.Text.Json.Nodes;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The index at the top of a batch's output: index.html, index.md, summary.json and
/// resets.csv, rebuilt from the manifest entries and per-capture findings.json of one or more
/// output folders (a run, or the shards `tsharkrst merge` brings together).</summary>
public static class BatchIndex
{
    public const string SummarySchema = "tsharkrst/summary/v1";

    /// <summary>The fields of a reset that resets.csv and the index pages show.</summary>
    private static readonly HashSet<string> IndexedFields = new(StringComparer.Ordinal)
    {
        "client", "server", "rstFrame", "rstTime", "rstCount", "sentBy", "origin", "phase", "verdict", "confidence",
        "idleBeforeSeconds", "summary", "wiresharkFilter", "pair",
    };

    /// <summary>Reads every capture recorded under <paramref name="roots"/>, in the order of their paths.</summary>
    public static IReadOnlyList<IndexEntry> Read(IEnumerable<string> roots, string indexFolder)
    {
        var entries = new List<IndexEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var record in new CaptureManifest(root).ReadAll())
            {
                var folder = Path.GetFullPath(Path.Combine(root, record.Output));
                if (!seen.Add(folder))
                    continue;
                var link = Path.GetRelativePath(Path.GetFullPath(indexFolder), folder).Replace(Path.DirectorySeparatorChar, '/');
                entries.Add(new IndexEntry(record, link, record.Status == CaptureRecord.Analysed ? ReadFindings(folder) : null));
            }
        }
        return entries.OrderBy(e => e.Record.Path, StringComparer.Ordinal).ThenBy(e => e.Link, StringComparer.Ordinal).ToList();
    }

    public static void Write(string indexFolder, IReadOnlyList<IndexEntry> entries, ReportTemplates templates)
    {
        Directory.CreateDirectory(indexFolder);
        var summary = Summary(entries);
        ResetsCsv.Write(Path.Combine(indexFolder, "resets.csv"), entries);
        var view = IndexView.From(summary, entries);
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.md"), templates.RenderIndexMarkdown(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "index.html"), templates.RenderIndexHtml(view));
        AtomicFile.WriteText(Path.Combine(indexFolder, "summary.json"), summary.ToJsonString(FindingsJson.Options) + "\n");
    }

    /// <summary>summary.json: every capture with its resets by verdict, the totals, the busiest reset
    /// servers, the idle-timer patterns and every error. Nothing in it depends on when or where it was made.</summary>
    public static JsonObject Summary(IReadOnlyList<IndexEntry> entries)
    {
        var resets = entries.SelectMany(e => e.Resets.Select(r => (Entry: e, Reset: r!))).ToList();
        return new JsonObject
        {
            ["schema"] = SummarySchema,
            ["totals"] = new JsonObject
            {
                ["captures"] = entries.Count,
                ["analysed"] = entries.Count(e => e.Record.Status == CaptureRecord.Analysed),
                ["failed"] = entries.Count(e => e.Record.Status == CaptureRecord.Failed),
                ["resets"] = (int)(resets.Count + entries.Sum(e => e.AggregatedResets)),
                ["verdicts"] = Counts(resets.Select(r => ((string)r.Reset["verdict"]!, 1L)).Concat(entries.SelectMany(e => e.AggregatedVerdicts))),
            },
            ["captures"] = new JsonArray(entries.Select(e => (JsonNode)CaptureLine(e)).ToArray()),
            // The resets past a capture's findings limit count here by server, but name no verdicts.
            ["busiestServers"] = new JsonArray(resets
                .Select(r => (Server: IndexEntry.Endpoint(r.Reset["server"]), Path: r.Entry.Record.Path, Verdict: (string?)r.Reset["verdict"], Count: 1L))
                .Concat(entries.SelectMany(e => e.AggregatedServers().Select(s => (s.Server, Path: e.Record.Path, Verdict: (string?)null, s.Count))))
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
                .SelectMany(e => (e.Findings?["patterns"] as JsonArray ?? [])
                    .Where(p => (string?)p!["kind"] == "idle-timer")
                    .Select(p => (JsonNode)new JsonObject
                    {
                        ["capture"] = e.Record.Path,
                        ["summary"] = (string?)p!["summary"],
                        ["estimatedSeconds"] = p["details"]?["estimatedSeconds"]?.DeepClone(),
                    })).ToArray()),
            ["errors"] = new JsonArray(entries
                .SelectMany(e => (e.Record.Failure is { } failure ? [failure] : e.Errors.Select(x => $"{e.Record.Path}: {x}")))
                .Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        };
    }

    private static JsonObject CaptureLine(IndexEntry e)
    {
        var line = new JsonObject
        {
            ["path"] = e.Record.Path,
            ["name"] = Path.GetFileName(e.Record.Path),
            ["reports"] = e.Link,
            ["status"] = e.Record.Status,
            ["failure"] = e.Record.Failure,
            ["packets"] = e.Findings?["capture"]?["packets"]?.GetValue<long>(),
            ["resets"] = (int)(e.Resets.Count + e.AggregatedResets),
            ["verdicts"] = Counts(e.Resets.Select(r => ((string)r!["verdict"]!, 1L)).Concat(e.AggregatedVerdicts)),
            ["errors"] = new JsonArray(e.Errors.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        };
        // As in findings.json, only a paired capture has it: the other capture, which end this one is,
        // and how many of its resets the other proved to be the claimed sender's (true) or not (false).
        if (e.Findings?["pair"] is JsonObject pair)
            line["pair"] = new JsonObject
            {
                ["capture"] = pair["capture"]?.DeepClone(),
                ["path"] = pair["path"]?.DeepClone(),
                ["side"] = pair["side"]?.DeepClone(),
                ["rstLeftSender"] = Counts(e.Resets.Select(r => (r!["pair"]?["rstLeftSender"]?.ToJsonString() ?? "null", 1L))),
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
            var findings = JsonNode.Parse(stream) as JsonObject;
            // A batch holds every capture's resets at once: only what the index shows of each is kept.
            foreach (var reset in findings?["resets"] as JsonArray ?? [])
                if (reset is JsonObject fields)
                    foreach (var name in fields.Select(f => f.Key).Where(k => !IndexedFields.Contains(k)).ToList())
                        fields.Remove(name);
            return findings;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
