using System.Text.Json.Nodes;

namespace TsharkRst.Batch;

/// <summary>One capture as the batch index sees it: its manifest entry, where its reports are (relative
/// to the index), and what the index shows of its findings.json. A batch holds one per capture, so counts
/// are kept instead of resets: memory does not grow with the findings listed.</summary>
public sealed record IndexEntry(CaptureRecord Record, string Link)
{
    /// <summary>At most this many paired resets are kept per capture: the index lists no more overall.</summary>
    public const int PairedRows = 25;

    public long? Packets { get; init; }

    /// <summary>Every reset, those past the capture's findings limit included.</summary>
    public long Resets { get; init; }

    /// <summary>Resets by verdict: those kept whole, then those past the findings limit (a verdict may come twice).</summary>
    public IReadOnlyList<(string Verdict, long Count)> Verdicts { get; init; } = [];

    /// <summary>Resets by server and verdict; the verdict is null for those past the findings limit.</summary>
    public IReadOnlyList<(string Server, string? Verdict, long Count)> Servers { get; init; } = [];

    public IReadOnlyList<(string? Summary, JsonNode? EstimatedSeconds)> IdleTimers { get; init; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Set only for a paired capture, as in findings.json.</summary>
    public PairSide? Pair { get; init; }

    /// <summary>The other capture, which end this one is, how many resets the other proved to be the claimed
    /// sender's (true) or not (false), and the first <see cref="PairedRows"/> resets it speaks for.</summary>
    public sealed record PairSide(JsonNode? Capture, JsonNode? Path, JsonNode? Side, IReadOnlyList<(string Value, long Count)> RstLeftSender,
        IReadOnlyList<PairedReset> Resets, int ResetCount);

    /// <summary>A reset of a paired capture, as the index lists it.</summary>
    public sealed record PairedReset(string RstFrame, string SentBy, string Origin, string Verdict, string PairCapture,
        string RstFrameThere, string RstLeftSender);

    /// <summary>The entry of a capture from its findings.json (null when it failed or the file is unreadable).</summary>
    public static IndexEntry From(CaptureRecord record, string link, JsonObject? findings)
    {
        var resets = (findings?["resets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var aggregated = findings?["aggregated"];
        var aggregatedVerdicts = (aggregated?["verdicts"] as JsonObject ?? [])
            .Select(p => (p.Key, p.Value?.GetValue<long>() ?? 0));
        var aggregatedServers = (aggregated?["busiestServers"] as JsonArray ?? [])
            .Select(s => ((string?)s?["server"] ?? "", (string?)null, (long?)s?["resets"] ?? 0));
        return new IndexEntry(record, link)
        {
            Packets = findings?["capture"]?["packets"]?.GetValue<long>(),
            Resets = resets.Count + (aggregated?["resets"]?.GetValue<long>() ?? 0),
            Verdicts = Tally(resets.Select(r => (string)r["verdict"]!)).Concat(aggregatedVerdicts).ToList(),
            Servers = resets
                .GroupBy(r => (Server: Endpoint(r["server"]), Verdict: (string?)r["verdict"]))
                .Select(g => (g.Key.Server, g.Key.Verdict, (long)g.Count()))
                .Concat(aggregatedServers)
                .ToList(),
            IdleTimers = (findings?["patterns"] as JsonArray ?? [])
                .Where(p => (string?)p!["kind"] == "idle-timer")
                .Select(p => ((string?)p!["summary"], p["details"]?["estimatedSeconds"]?.DeepClone()))
                .ToList(),
            Errors = (findings?["errors"] as JsonArray ?? []).Select(e => (string?)e ?? "").ToList(),
            Pair = findings?["pair"] is JsonObject pair ? Paired(pair, resets) : null,
        };
    }

    /// <summary>An endpoint of findings.json as text: 192.0.2.1:443 or [2001:db8::1]:443.</summary>
    public static string Endpoint(JsonNode? endpoint) => endpoint is null
        ? ""
        : ((string)endpoint["ip"]!).Contains(':') ? $"[{endpoint["ip"]}]:{endpoint["port"]}" : $"{endpoint["ip"]}:{endpoint["port"]}";

    private static PairSide Paired(JsonObject pair, List<JsonObject> resets)
    {
        var spoken = resets.Where(r => r["pair"] is JsonObject).ToList();
        return new PairSide(
            pair["capture"]?.DeepClone(),
            pair["path"]?.DeepClone(),
            pair["side"]?.DeepClone(),
            Tally(resets.Select(r => r["pair"]?["rstLeftSender"]?.ToJsonString() ?? "null")).ToList(),
            spoken.Take(PairedRows).Select(r => new PairedReset(
                r["rstFrame"]!.ToString(),
                (string)r["sentBy"]!,
                (string)r["origin"]!,
                (string)r["verdict"]!,
                (string?)r["pair"]!["capture"] ?? "",
                r["pair"]!["rstFrameThere"]?.ToString() ?? "-",
                r["pair"]!["rstLeftSender"]?.ToJsonString() ?? "-")).ToList(),
            spoken.Count);
    }

    private static IEnumerable<(string, long)> Tally(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()));
}
