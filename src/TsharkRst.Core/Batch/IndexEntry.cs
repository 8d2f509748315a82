using System.Text.Json.Nodes;

namespace TsharkRst.Batch;

/// <summary>One capture as the batch index sees it: its manifest entry, where its reports are
/// (relative to the index), and its findings.json when it was analysed.</summary>
public sealed record IndexEntry(CaptureRecord Record, string Link, JsonObject? Findings)
{
    public JsonArray Resets => Findings?["resets"] as JsonArray ?? [];

    public IEnumerable<string> Errors => (Findings?["errors"] as JsonArray ?? []).Select(e => (string?)e ?? "");

    /// <summary>An endpoint of findings.json as text: 192.0.2.1:443 or [2001:db8::1]:443.</summary>
    public static string Endpoint(JsonNode? endpoint) => endpoint is null
        ? ""
        : ((string)endpoint["ip"]!).Contains(':') ? $"[{endpoint["ip"]}]:{endpoint["port"]}" : $"{endpoint["ip"]}:{endpoint["port"]}";
}
