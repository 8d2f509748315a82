using System.Text.Json;

namespace TsharkRst.Reports;

/// <summary>resets.ndjson: one finding per line across every capture of a batch, as findings.json writes it,
/// led by <c>"capture": { "name", "path", "reports" }</c>, for Elastic, Splunk, Loki or <c>jq</c>. Written capture
/// by capture beside resets.csv, so the two hold the same findings in the same order.</summary>
public sealed class ResetsNdjson(Stream stream) : IDisposable
{
    private static readonly byte[] Start = "{\"capture\":"u8.ToArray();

    /// <summary>Where a line's finding comes from.</summary>
    public sealed record CaptureRef(string Name, string Path, string Reports);

    /// <summary>Writes the lines of one capture: <paramref name="resets"/> are its findings.json's.</summary>
    public void Write(IndexEntry entry, IReadOnlyList<FindingsFile.Reset> resets)
    {
        var json = FindingsJsonContext.Compact;
        var capture = JsonSerializer.SerializeToUtf8Bytes(new CaptureRef(Path.GetFileName(entry.Path), entry.Path, entry.Link + "/report.html"),
            json.CaptureRef);
        foreach (var reset in resets)
        {
            // The capture first, then the finding's own fields: its object with the capture put in front.
            var finding = JsonSerializer.SerializeToUtf8Bytes(reset, json.Reset);
            stream.Write(Start);
            stream.Write(capture);
            stream.WriteByte((byte)',');
            stream.Write(finding.AsSpan(1));
            stream.WriteByte((byte)'\n');
        }
    }

    public void Dispose() => stream.Flush();
}
