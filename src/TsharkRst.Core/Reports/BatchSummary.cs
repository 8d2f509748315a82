using System.Text.Json.Serialization;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>summary.json: every capture with its resets by verdict, the totals, the busiest reset servers, the
/// idle-timer patterns, every error, and the files skipped as not captures (counted, the first
/// <see cref="SkippedNamed"/> named). Nothing in it depends on when or where it was made.</summary>
public sealed record BatchSummary(
    string Schema,
    BatchSummary.TotalsBlock Totals,
    IReadOnlyList<BatchSummary.CaptureLine> Captures,
    IReadOnlyList<BatchSummary.ServerLine> BusiestServers,
    IReadOnlyList<BatchSummary.IdleTimerLine> IdleTimers,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Skipped)
{
    public const string SchemaName = "tsharkrst/summary/v1";

    /// <summary>The skipped files summary.json and the index pages name; the rest are counted.</summary>
    public const int SkippedNamed = 10;

    /// <summary>Busiest servers listed.</summary>
    private const int Servers = 20;

    public sealed record TotalsBlock(int Captures, int Analysed, int Failed, int Skipped, int Resets, IReadOnlyDictionary<string, int> Verdicts);

    public sealed record CaptureLine(string Path, string Name, string Reports, string Status, string? Failure, long? Packets, int Resets,
        IReadOnlyDictionary<string, int> Verdicts, IReadOnlyList<string> Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PairLine? Pair);

    /// <summary>As in findings.json, only a paired capture has it: the other capture, which end this one is, and how many
    /// of its resets the other proved to be the claimed sender's (true) or not (false).</summary>
    public sealed record PairLine(string? Capture, string? Path, [property: JsonConverter(typeof(SpecName<Side>))] Side? Side,
        IReadOnlyDictionary<string, int> RstLeftSender);

    public sealed record ServerLine(string Server, int Resets, int Captures, IReadOnlyDictionary<string, int> Verdicts);

    public sealed record IdleTimerLine(string Capture, string? Summary, double? EstimatedSeconds);

    public static BatchSummary Of(IReadOnlyList<IndexEntry> entries, IReadOnlyList<string>? skipped = null) => new(
        SchemaName,
        new TotalsBlock(
            entries.Count,
            entries.Count(e => e.Status == IndexEntry.Analysed),
            entries.Count(e => e.Status == IndexEntry.Failed),
            skipped?.Count ?? 0,
            (int)entries.Sum(e => e.Resets),
            Counts(entries.SelectMany(e => e.Verdicts))),
        entries.Select(e => new CaptureLine(e.Path, System.IO.Path.GetFileName(e.Path), e.Link, e.Status, e.Failure, e.Packets, (int)e.Resets,
            Counts(e.Verdicts), e.Errors,
            e.Pair is { } pair ? new PairLine(pair.Capture, pair.Path, pair.Side, Counts(pair.RstLeftSender)) : null)).ToList(),
        // The resets past a capture's findings limit count here by server, but name no verdicts.
        entries
            .SelectMany(e => e.Servers.Select(s => (s.Server, e.Path, s.Verdict, s.Count)))
            .GroupBy(r => r.Server)
            .OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(Servers)
            .Select(g => new ServerLine(g.Key, (int)g.Sum(r => r.Count), g.Select(r => r.Path).Distinct().Count(),
                Counts(g.Where(r => r.Verdict is not null).Select(r => (r.Verdict!, r.Count)))))
            .ToList(),
        entries.SelectMany(e => e.IdleTimers.Select(t => new IdleTimerLine(e.Path, t.Summary, t.EstimatedSeconds))).ToList(),
        entries.SelectMany(e => e.Failure is { } failure ? [failure] : e.Errors.Select(x => $"{e.Path}: {x}")).ToList(),
        (skipped ?? []).Take(SkippedNamed).ToList());

    /// <summary>Counts by name, the most first.</summary>
    private static Dictionary<string, int> Counts(IEnumerable<(string Name, long Count)> names) =>
        names.GroupBy(n => n.Name).Select(g => (g.Key, Count: g.Sum(n => n.Count)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (int)g.Count);
}
