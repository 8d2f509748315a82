using System.Text.Json;
using System.Text.Json.Nodes;
using TsharkRst.Batch;

namespace TsharkRst.Reports;

/// <summary>resets.ndjson: one finding per line across every capture of a batch, as findings.json writes it,
/// led by <c>"capture": { "name", "path", "reports" }</c>, for Elastic, Splunk, Loki or <c>jq</c>. Written capture
/// by capture beside resets.csv, so the two hold the same findings in the same order.</summary>
public sealed class ResetsNdjson(Stream stream) : IDisposable
{
    private readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { Encoder = FindingsJson.Options.Encoder });

    /// <summary>Writes the lines of one capture: <paramref name="resets"/> is its findings.json's resets.</summary>
    public void Write(IndexEntry entry, JsonArray resets)
    {
        foreach (var reset in resets)
        {
            if (reset is not JsonObject finding)
                continue;
            _json.WriteStartObject();
            _json.WriteStartObject("capture");
            _json.WriteString("name", Path.GetFileName(entry.Record.Path));
            _json.WriteString("path", entry.Record.Path);
            _json.WriteString("reports", entry.Link + "/report.html");
            _json.WriteEndObject();
            foreach (var (name, value) in finding)
            {
                _json.WritePropertyName(name);
                if (value is null)
                    _json.WriteNullValue();
                else
                    value.WriteTo(_json, FindingsJson.Options);
            }
            _json.WriteEndObject();
            _json.Flush();
            stream.WriteByte((byte)'\n');
            // One JSON value per line: the writer starts afresh after each.
            _json.Reset();
        }
    }

    public void Dispose() => _json.Dispose();
}
