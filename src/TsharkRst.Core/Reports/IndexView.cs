using System.Globalization;
using System.Text.Json.Nodes;
using TsharkRst.Batch;

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
    public sealed record Count(string Name, int Value);

    public sealed record CaptureLine(string Name, string Path, string Report, string Status, bool IsFailed, string Failure,
        string Packets, int Resets, string Verdicts, int Errors);

    public sealed record ServerLine(string Server, int Resets, int Captures, string Verdicts);

    public sealed record IdleTimerLine(string Capture, string Summary);

    public bool HasErrors => Errors.Count > 0;
    public bool HasServers => Servers.Count > 0;
    public bool HasIdleTimers => IdleTimers.Count > 0;

    public static IndexView From(JsonObject summary, IReadOnlyList<IndexEntry> entries)
    {
        var totals = summary["totals"]!;
        return new IndexView(
            "tsharkrst " + BatchRunner.ToolVersion,
            (int)totals["captures"]!,
            (int)totals["analysed"]!,
            (int)totals["failed"]!,
            (int)totals["resets"]!,
            totals["verdicts"]!.AsObject().Select(v => new Count(v.Key, (int)v.Value!)).ToList(),
            summary["captures"]!.AsArray().Select(c => new CaptureLine(
                (string)c!["name"]!,
                (string)c["path"]!,
                string.Join('/', ((string)c["reports"]!).Split('/').Select(Uri.EscapeDataString)) + "/report.html",
                (string)c["status"]!,
                (string)c["status"]! == CaptureRecord.Failed,
                (string?)c["failure"] ?? "",
                c["packets"] is { } packets ? ((long)packets).ToString(CultureInfo.InvariantCulture) : "-",
                (int)c["resets"]!,
                Words(c["verdicts"]!.AsObject()),
                c["errors"]!.AsArray().Count)).ToList(),
            summary["busiestServers"]!.AsArray().Select(s => new ServerLine(
                (string)s!["server"]!, (int)s["resets"]!, (int)s["captures"]!, Words(s["verdicts"]!.AsObject()))).ToList(),
            summary["idleTimers"]!.AsArray().Select(t => new IdleTimerLine(
                Path.GetFileName((string)t!["capture"]!), (string?)t["summary"] ?? "")).ToList(),
            summary["errors"]!.AsArray().Select(e => (string)e!).ToList());
    }

    private static string Words(JsonObject counts) => counts.Count == 0
        ? "-"
        : string.Join(", ", counts.Select(v => $"{v.Key} {(int)v.Value!}"));
}
