using System.Globalization;

namespace TsharkRst.Reports;

/// <summary>What index.html and index.md receive: summary.json's data, worded and formatted.</summary>
public sealed record IndexView(
    string Tool,
    int Captures,
    int Analysed,
    int Failed,
    int Resets,
    IReadOnlyList<IndexView.Count> Verdicts,
    IReadOnlyList<IndexView.CaptureLine> CaptureLines,
    IReadOnlyList<IndexView.ServerLine> Servers,
    IReadOnlyList<IndexView.IdleTimerLine> IdleTimers,
    IReadOnlyList<string> Errors)
{
    /// <summary>The skipped files the index pages name.</summary>
    public const int SkippedShown = 5;

    public sealed record Count(string Name, int Value);

    public sealed record CaptureLine(string Name, string Path, string Report, string Status, bool IsFailed, string Failure,
        string Packets, int Resets, string Verdicts, int Errors);

    public sealed record ServerLine(string Server, int Resets, int Captures, string Verdicts);

    public sealed record IdleTimerLine(string Capture, string Summary);

    /// <summary>A reset whose capture was paired: the spec's <c>pair</c> fields beside its origin.
    /// <see cref="PairReport"/> is empty when the other capture is not in this index.</summary>
    public sealed record PairedResetLine(string Capture, string Report, string RstFrame, string SentBy, string Origin, string Verdict,
        string PairCapture, string PairReport, string RstFrameThere, string RstLeftSender)
    {
        public bool HasPairReport => PairReport.Length > 0;
    }

    public IReadOnlyList<PairedResetLine> PairedResets { get; init; } = [];

    public int PairedResetsNotListed { get; init; }

    public bool HasPairedResets => PairedResets.Count > 0;

    /// <summary>Files skipped as not captures: how many, and the first few by path.</summary>
    public int Skipped { get; init; }

    public IReadOnlyList<string> SkippedNamed { get; init; } = [];

    public bool HasSkipped => Skipped > 0;

    /// <summary>"a, b and 3 more": the skipped files named, and the rest counted.</summary>
    public string SkippedWords => Skipped > SkippedNamed.Count
        ? $"{string.Join(", ", SkippedNamed)} and {Skipped - SkippedNamed.Count} more"
        : string.Join(", ", SkippedNamed);

    public bool HasErrors => Errors.Count > 0;
    public bool HasServers => Servers.Count > 0;
    public bool HasIdleTimers => IdleTimers.Count > 0;

    public static IndexView From(BatchSummary summary, IReadOnlyList<IndexEntry> entries)
    {
        var totals = summary.Totals;
        var paired = Paired(entries);
        return new IndexView(
            "tsharkrst " + ToolVersion.Current,
            totals.Captures,
            totals.Analysed,
            totals.Failed,
            totals.Resets,
            totals.Verdicts.Select(v => new Count(v.Key, v.Value)).ToList(),
            summary.Captures.Select(c => new CaptureLine(
                c.Name,
                c.Path,
                ReportLink(c.Reports),
                c.Status,
                c.Status == IndexEntry.Failed,
                c.Failure ?? "",
                c.Packets is { } packets ? packets.ToString(CultureInfo.InvariantCulture) : "-",
                c.Resets,
                Words(c.Verdicts),
                c.Errors.Count)).ToList(),
            summary.BusiestServers.Select(s => new ServerLine(s.Server, s.Resets, s.Captures, Words(s.Verdicts))).ToList(),
            summary.IdleTimers.Select(t => new IdleTimerLine(Path.GetFileName(t.Capture), t.Summary ?? "")).ToList(),
            summary.Errors)
        {
            PairedResets = paired.Listed,
            PairedResetsNotListed = paired.Count - paired.Listed.Count,
            Skipped = totals.Skipped,
            SkippedNamed = summary.Skipped.Take(SkippedShown).ToList(),
        };
    }

    /// <summary>Every reset whose capture was paired, by capture and RST frame, its other capture linked when the index holds it.</summary>
    private static (List<PairedResetLine> Listed, int Count) Paired(IReadOnlyList<IndexEntry> entries)
    {
        var byPath = entries.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var listed = entries
            .SelectMany(e => (e.Pair?.Resets ?? []).Select(r =>
            {
                var other = e.Pair!.Path is { } path ? byPath.GetValueOrDefault(path) : null;
                return new PairedResetLine(
                    Path.GetFileName(e.Path),
                    ReportLink(e.Link),
                    r.RstFrame,
                    r.SentBy,
                    r.Origin,
                    r.Verdict,
                    r.PairCapture,
                    other is { Status: IndexEntry.Analysed } ? ReportLink(other.Link) : "",
                    r.RstFrameThere,
                    r.RstLeftSender);
            }))
            .Take(IndexEntry.PairedRows)
            .ToList();
        return (listed, entries.Sum(e => e.Pair?.ResetCount ?? 0));
    }

    private static string ReportLink(string folder) =>
        string.Join('/', folder.Split('/').Select(Uri.EscapeDataString)) + "/report.html";

    private static string Words(IReadOnlyDictionary<string, int> counts) => counts.Count == 0
        ? "-"
        : string.Join(", ", counts.Select(v => $"{v.Key} {v.Value}"));
}
