using CsvHelper;
using TsharkRst.Batch;

namespace TsharkRst.Reports;

/// <summary>resets.csv: one row per finding across every capture of a batch, with the spec's <c>pair</c>
/// fields (empty without a paired capture). A cell that starts with = + - or @ is written so a
/// spreadsheet shows it as text instead of running it.</summary>
public static class ResetsCsv
{
    private static readonly string[] Header =
    [
        "capture", "reports", "client", "server", "rstFrame", "rstTime", "rstCount", "sentBy", "origin",
        "phase", "verdict", "confidence", "idleBeforeSeconds", "summary", "wiresharkFilter",
        "pair.capture", "pair.rstFrameThere", "pair.rstLeftSender",
    ];

    public static void Write(string path, IReadOnlyList<IndexEntry> entries) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, true);
        csv.WriteHeader(Header);
        foreach (var entry in entries)
        {
            foreach (var r in entry.Resets)
            {
                string Text(string name) => r![name]?.ToString() ?? "";
                string Endpoint(string name) => IndexEntry.Endpoint(r![name]);
                string Pair(string name) => r!["pair"]?[name]?.ToString() ?? "";
                csv.WriteRecord(
                [
                    entry.Record.Path, entry.Link + "/report.html", Endpoint("client"), Endpoint("server"),
                    Text("rstFrame"), Text("rstTime"), Text("rstCount"), Text("sentBy"), Text("origin"), Text("phase"),
                    Text("verdict"), Text("confidence"), Text("idleBeforeSeconds"), Text("summary"), Text("wiresharkFilter"),
                    Pair("capture"), Pair("rstFrameThere"), Pair("rstLeftSender"),
                ]);
            }
        }
    });
}
