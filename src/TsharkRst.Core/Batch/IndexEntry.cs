using System.Text.Json.Nodes;

namespace TsharkRst.Batch;

/// <summary>One capture as the batch index sees it: its manifest entry, where its reports are
/// (relative to the index), and its findings.json when it was analysed.</summary>
public sealed record IndexEntry(CaptureRecord Record, string Link, JsonObject? Findings)
{
    public JsonArray Resets => Findings?["resets"] as JsonArray ?? [];

    /// <summary>The resets past the capture's findings limit (findings.json's aggregated), 0 when none.</summary>
    public long AggregatedResets => Findings?["aggregated"]?["resets"]?.GetValue<long>() ?? 0;

    /// <summary>The aggregated resets by verdict.</summary>
    public IEnumerable<(string Verdict, long Count)> AggregatedVerdicts =>
        (Findings?["aggregated"]?["verdicts"] as JsonObject ?? []).Select(p => (p.Key, p.Value?.GetValue<long>() ?? 0));

    public IEnumerable<(string Server, long Count)> AggregatedServers() =>
        (Findings?["aggregated"]?["busiestServers"] as JsonArray ?? [])
        .Select(s => ((string?)s?["server"] ?? "", (long?)s?["resets"] ?? 0));

    public IEnumerable<string> Errors => (Findings?["errors"] as JsonArray ?? []).Select(e => (string?)e ?? "");

    /// <summary>An endpoint of findings.json as text: 192.0.2.1:443 or [2001:db8::1]:443.</summary>
    public static string Endpoint(JsonNode? endpoint) => endpoint is null
        ? ""
        : ((string)endpoint["ip"]!).Contains(':') ? $"[{endpoint["ip"]}]:{endpoint["port"]}" : $"{endpoint["ip"]}:{endpoint["port"]}";
}
