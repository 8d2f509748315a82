using System.Security.Cryptography;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>Analyses one capture: tshark rows → connections → findings → the output files.
/// Problems with the capture become errors in its result; only a missing tshark or a
/// cancellation escapes.</summary>
public sealed class CaptureAnalyzer(AnalysisSettings settings, string tsharkVersion)
{
    public async Task<CaptureResult> AnalyzeAsync(CaptureInput input, string outputRoot, CancellationToken cancellationToken)
    {
        var (dissection, failure) = await DissectAsync(input, outputRoot, cancellationToken).ConfigureAwait(false);
        return dissection is null ? Failed(input, failure!) : Conclude(dissection, null);
    }

    /// <summary>tshark over one capture: its connections, DNS names and address profiles, and
    /// packets.csv as the rows stream by. The reason when the capture cannot be analysed at all.</summary>
    internal async Task<(CaptureDissection? Dissection, string? Failure)> DissectAsync(
        CaptureInput input, string outputRoot, CancellationToken cancellationToken)
    {
        var outputFolder = Path.Combine(outputRoot, input.OutputName);
        if (!File.Exists(input.Path))
            return (null, Directory.Exists(input.Path) ? "it is a folder, not a capture file" : "no such file");

        if (new FileInfo(input.Path).Length == 0)
            return (null, "the file is empty");
        // tshark also reads text formats; only what the triage pass and the fixtures cover is taken.
        if (!CaptureDiscovery.LooksLikeCapture(input.Path))
            return (null, "it is not a capture file tshark can read (pcap, pcapng, or one of their gzip-compressed forms).");

        string sha256;
        try
        {
            sha256 = await Sha256Async(input.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"it cannot be read ({ex.Message})");
        }

        var tracker = new ConnectionTracker();
        var dns = new DnsNames();
        var profiles = new AddressProfiles();
        var packets = 0L;
        DateTimeOffset? first = null, last = null;
        IReadOnlyList<string> columns = settings.Fields.Names;
        using var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? new PacketsCsv(Path.Combine(outputFolder, "packets.csv"))
            : null;

        TsharkRunResult run;
        try
        {
            run = await TsharkDissection.RunAsync(settings.Tshark, input.Path, settings.Fields, record =>
            {
                var row = record.Row;
                packets++;
                first ??= row.Time;
                last = row.Time;
                tracker.Add(row);
                dns.Add(row);
                profiles.Add(row);
                csv?.Write(columns, record);
            }, settings.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessTimeoutException ex)
        {
            return (null, ex.Message);
        }

        var errors = new List<string>();
        if (run.Error is { } tsharkError)
        {
            if (packets == 0)
                return (null, NotACapture(tsharkError));
            errors.Add($"{tsharkError} The {packets} packets read before the problem were analysed.");
        }
        errors.AddRange(run.RowErrors);
        csv?.Complete(columns);
        return (new CaptureDissection(input, outputFolder,
            new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, packets, first, last, tsharkVersion),
            tracker, dns, profiles, errors), null);
    }

    /// <summary>Findings, patterns and the output files of a dissected capture; with a capture from
    /// the other end of the path, each finding carries what that capture proves.</summary>
    internal CaptureResult Conclude(CaptureDissection dissection, CapturePairing? pairing)
    {
        var (input, outputFolder, tracker, dns, profiles) =
            (dissection.Input, dissection.OutputFolder, dissection.Tracker, dissection.Dns, dissection.Profiles);
        var findings = tracker.Connections
            .Where(c => c.HasReset)
            .Select(c => ResetDiagnosis.Diagnose(c, settings.Diagnosis, profiles, dns, pairing))
            .OfType<ResetFinding>()
            .OrderBy(f => f.RstFrame)
            .ToList();
        var connections = tracker.Connections.Select(ConnectionSummary.Of).ToList();
        var document = new FindingsDocument(
            dissection.Capture,
            findings,
            PatternRules.Find(connections, findings, profiles),
            [.. dissection.Errors, .. pairing?.Problems() ?? []])
        { Connections = connections, Pair = pairing?.Summary() };

        if (settings.Formats.HasFlag(OutputFormats.Csv))
            ConnectionsCsv.Write(Path.Combine(outputFolder, "connections.csv"), document);
        Write(document, outputFolder);
        return new CaptureResult(input, document, outputFolder, null);
    }

    private void Write(FindingsDocument document, string folder)
    {
        Directory.CreateDirectory(folder);
        var view = ReportView.From(document);
        if (settings.Formats.HasFlag(OutputFormats.Markdown))
            AtomicFile.WriteText(Path.Combine(folder, "summary.md"), settings.Templates.RenderMarkdown(view));
        if (settings.Formats.HasFlag(OutputFormats.Html))
            AtomicFile.WriteText(Path.Combine(folder, "report.html"), settings.Templates.RenderHtml(view));
        // findings.json last: its presence means the capture's outputs are complete.
        if (settings.Formats.HasFlag(OutputFormats.Json))
            AtomicFile.WriteText(Path.Combine(folder, "findings.json"), FindingsJson.Serialize(document));
    }

    private static string NotACapture(string tsharkError) =>
        tsharkError.Contains("isn't a capture file", StringComparison.Ordinal) ||
        tsharkError.Contains("unknown file format", StringComparison.OrdinalIgnoreCase)
            ? "it is not a capture file tshark can read (pcap, pcapng, or one of their compressed forms)."
            : tsharkError;

    internal static CaptureResult Failed(CaptureInput input, string reason) =>
        new(input, null, null, $"{input.Path}: {reason}");

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
