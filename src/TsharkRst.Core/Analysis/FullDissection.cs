using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>tshark over every packet (--full, each side of a pair, and a capture the triage pass cannot read): the
/// connections are made from tshark's rows, as are the address profiles, so every connection is handed over at the end.</summary>
internal static class FullDissection
{
    public static DissectedCapture Start(CaptureInput input, string outputFolder, AnalysisSettings settings, CancellationToken cancellationToken) =>
        DissectedCapture.Start(input, (handover, token) =>
            DissectAsync(input, outputFolder, settings, CaptureFiles.Sha256Async(input.Path, token), handover, token), cancellationToken);

    public static async Task<DissectionEnd> DissectAsync(CaptureInput input, string outputFolder, AnalysisSettings settings,
        Task<string> hashing, Handover handover, CancellationToken cancellationToken)
    {
        using var csv = CaptureFiles.PacketsCsv(settings, outputFolder, input.Path);
        var rows = new TsharkRows(ConnectionAssembly.Grouping(), handover, csv, settings.Fields.Names, new AddressProfiles());
        var run = await TsharkDissection.RunAsync(settings.Tshark, input.Path, settings.Fields, rows.Add, settings.Timeout,
            cancellationToken, keys: settings.TlsKeys).ConfigureAwait(false);
        return await EndAsync(input, run, rows, hashing).ConfigureAwait(false);
    }

    /// <summary>The end of a pass over every packet, however tshark was handed the capture.</summary>
    public static async Task<DissectionEnd> EndAsync(CaptureInput input, TsharkRunResult run, TsharkRows rows, Task<string> hashing)
    {
        var errors = new List<string>();
        if (run.Error is { } tsharkError)
        {
            if (rows.Packets == 0)
                return DissectionEnd.Failed(await CaptureFiles.UnreadableAsync(hashing).ConfigureAwait(false) ?? NotACapture(tsharkError));
            errors.Add($"{tsharkError} The {rows.Packets} packets read before the problem were analysed.");
        }
        errors.AddRange(run.RowErrors);
        await rows.FinishAsync().ConfigureAwait(false);
        return new DissectionEnd(hashing, rows.Packets, rows.First, rows.Last, rows.Index,
            new EvidenceSource(input.Path, EvidenceFrames(rows), frame => frame), errors);
    }

    /// <summary>The reset connections' packets and the DNS frames.</summary>
    private static List<long> EvidenceFrames(TsharkRows rows) =>
        rows.Index.Where(c => c.HasReset).SelectMany(c => c.Frames.Frames())
            .Concat(rows.DnsFrames)
            .Distinct()
            .Order()
            .ToList();

    private static string NotACapture(string tsharkError) =>
        tsharkError.Contains("isn't a capture file", StringComparison.Ordinal) ||
        tsharkError.Contains("unknown file format", StringComparison.OrdinalIgnoreCase)
            ? "it is not a capture file tshark can read (pcap, pcapng, or one of their compressed forms)."
            : tsharkError;
}
