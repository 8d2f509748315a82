using CsvHelper;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>connections.csv: every TCP connection of the capture with its history string, and the
/// verdict of its first RST when it had one.</summary>
public static class ConnectionsCsv
{
    private static readonly string[] Header =
    [
        "client", "server", "firstFrame", "lastFrame", "first", "last", "packets",
        "clientBytes", "serverBytes", "history", "rstFrame", "verdict",
    ];

    public static void Write(string path, FindingsDocument document)
    {
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, true);
            csv.WriteHeader(Header);
            // Looked up by endpoints: a search of every finding for every connection took minutes on a big capture.
            var byEndpoints = document.Resets.ToLookup(f => (f.Client, f.Server));
            foreach (var c in document.Connections)
            {
                var finding = byEndpoints[(c.Client, c.Server)].FirstOrDefault(f => f.RstFrame >= c.FirstFrame && f.RstFrame <= c.LastFrame);
                csv.WriteRecord(
                [
                    c.Client.ToString(), c.Server.ToString(), Formatting.Number(c.FirstFrame), Formatting.Number(c.LastFrame),
                    Formatting.Time(c.First), Formatting.Time(c.Last), Formatting.Number(c.Packets),
                    Formatting.Number(c.ClientBytes), Formatting.Number(c.ServerBytes), c.History,
                    finding is null ? "" : Formatting.Number(finding.RstFrame),
                    finding is null ? "" : Vocabulary.Name(finding.Verdict),
                ]);
            }
        });
    }
}
