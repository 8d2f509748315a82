using System.Text.Json.Nodes;
using CsvHelper;
using TsharkRst.Batch;

namespace TsharkRst.Reports;

/// <summary>resets.csv: one row per finding across every capture of a batch, with the spec's <c>pair</c>
/// fields (empty without a paired capture), written capture by capture. A cell that starts with = + - or @
/// is written so a spreadsheet shows it as text instead of running it.</summary>
public sealed class ResetsCsv : IDisposable
{
    private static readonly string[] Header =
    [
        "capture", "reports", "client", "server", "rstFrame", "rstTime", "rstCount", "sentBy", "origin",
        "phase", "verdict", "confidence", "idleBeforeSeconds", "summary", "wiresharkFilter", "communityId", "tampering", "tamperingStage",
        "pair.capture", "pair.rstFrameThere", "pair.rstLeftSender",
    ];

    private readonly CsvWriter _csv;

    public ResetsCsv(Stream stream)
    {
        _csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, true);
        _csv.WriteHeader(Header);
    }

    /// <summary>Writes the rows of one capture: <paramref name="resets"/> is its findings.json's resets.</summary>
    public void Write(IndexEntry entry, JsonArray resets)
    {
        foreach (var r in resets)
        {
            string Text(string name) => r![name]?.ToString() ?? "";
            string Endpoint(string name) => IndexEntry.Endpoint(r![name]);
            string Pair(string name) => r!["pair"]?[name]?.ToString() ?? "";
            _csv.WriteRecord(
            [
                entry.Record.Path, entry.Link + "/report.html", Endpoint("client"), Endpoint("server"),
                Text("rstFrame"), Text("rstTime"), Text("rstCount"), Text("sentBy"), Text("origin"), Text("phase"),
                Text("verdict"), Text("confidence"), Text("idleBeforeSeconds"), Text("summary"), Text("wiresharkFilter"),
                Text("communityId"), Text("tampering"), Text("tamperingStage"),
                Pair("capture"), Pair("rstFrameThere"), Pair("rstLeftSender"),
            ]);
        }
    }

    public void Dispose() => _csv.Dispose();
}
