using System.Globalization;
using CsvHelper;
using TsharkRst.Findings;

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

    /// <summary>Writes the rows of one capture: <paramref name="resets"/> are its findings.json's, each cell as the file has it.</summary>
    public void Write(IndexEntry entry, IReadOnlyList<FindingsFile.Reset> resets)
    {
        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
        foreach (var r in resets)
        {
            _csv.WriteRecord(
            [
                entry.Path, entry.Link + "/report.html", r.Client.ToString(), r.Server.ToString(),
                Number(r.RstFrame), r.RstTime, Number(r.RstCount), Vocabulary.Name(r.SentBy), Vocabulary.Name(r.Origin), Vocabulary.Name(r.Phase),
                Vocabulary.Name(r.Verdict), Vocabulary.Name(r.Confidence), r.IdleBeforeSeconds.ToString(CultureInfo.InvariantCulture), r.Summary,
                r.WiresharkFilter, r.CommunityId, r.Tampering ?? "", r.TamperingStage is { } stage ? Vocabulary.Name(stage) : "",
                r.Pair?.Capture ?? "", r.Pair?.RstFrameThere is { } there ? Number(there) : "", IndexEntry.Word(r.Pair?.RstLeftSender) ?? "",
            ]);
        }
    }

    public void Dispose() => _csv.Dispose();
}
