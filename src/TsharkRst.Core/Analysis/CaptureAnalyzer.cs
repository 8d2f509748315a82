using System.Security.Cryptography;
using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>Analyses one capture: a triage pass over every packet, tshark over the reset connections
/// and DNS only (or over everything with <see cref="AnalysisSettings.FullDissection"/>, or when the
/// triage pass cannot read the capture), then connections → findings → the output files.
/// Problems with the capture become errors in its result; only a missing tshark or a cancellation escapes.</summary>
public sealed class CaptureAnalyzer(AnalysisSettings settings, string tsharkVersion)
{
    public async Task<CaptureResult> AnalyzeAsync(CaptureInput input, string outputRoot, CancellationToken cancellationToken)
    {
        var outputFolder = Path.Combine(outputRoot, input.OutputName);
        if (!File.Exists(input.Path))
            return Failed(input, Directory.Exists(input.Path) ? "it is a folder, not a capture file" : "no such file");

        string sha256;
        TriageIndex? triage;
        try
        {
            // Both read the whole file; side by side they share the page cache and the two cores.
            var hashing = Sha256Async(input.Path, cancellationToken);
            var triaging = settings.FullDissection
                ? Task.FromResult<TriageIndex?>(null)
                : Task.Run(() => TriagePass.Run(input.Path, cancellationToken), cancellationToken);
            await Task.WhenAll(hashing, triaging).ConfigureAwait(false);
            (sha256, triage) = (hashing.Result, triaging.Result);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(input, $"it cannot be read ({ex.Message})");
        }
        if (triage is { UndecodedLinkType: not null })
            triage = null; // a link type only tshark knows: tshark reads everything
        if (triage is { Packets: 0, Damage: { } unreadable })
            return Failed(input, unreadable.Message);

        IReadOnlyList<string> columns = settings.Fields.Names;
        using var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? new PacketsCsv(Path.Combine(outputFolder, "packets.csv"))
            : null;
        var rows = new DissectedRows(csv, columns);
        var errors = new List<string>();
        var focusedPath = Path.Combine(Path.GetTempPath(), $"tsharkrst-focus-{Guid.NewGuid():N}.pcapng");
        try
        {
            FrameMap? focus = null;
            if (triage is null)
            {
                if (await FullAsync(input, rows, errors, cancellationToken).ConfigureAwait(false) is { } failure)
                    return Failed(input, failure);
            }
            else
            {
                focus = await FocusedAsync(input, triage, focusedPath, rows, errors, cancellationToken).ConfigureAwait(false);
            }

            var profiles = triage?.Profiles ?? rows.Profiles;
            var findings = rows.Tracker.Connections
                .Where(c => c.HasReset)
                .Select(c => ResetDiagnosis.Diagnose(c, settings.Diagnosis, profiles, rows.Dns))
                .OfType<ResetFinding>()
                .OrderBy(f => f.RstFrame)
                .ToList();
            var capture = triage is null
                ? new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, rows.Packets, rows.First, rows.Last, tsharkVersion)
                : new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, triage.Packets, triage.First, triage.Last, tsharkVersion);

            if (settings.Formats.HasFlag(OutputFormats.Evidence))
            {
                var evidence = Path.Combine(outputFolder, EvidenceCapture.FileName);
                var problem = focus is null
                    ? EvidenceCapture.Write(evidence, input.Path, EvidenceFrames(rows), frame => frame, findings, cancellationToken)
                    : EvidenceCapture.Write(evidence, focusedPath, Enumerable.Range(1, focus.Count).Select(i => (long)i).ToList(),
                        focus.Original, findings, cancellationToken);
                if (problem is not null)
                    errors.Add(problem);
            }

            var document = new FindingsDocument(capture, findings, [], errors)
            {
                Connections = triage is null
                    ? rows.Tracker.Connections.Select(ConnectionSummary.Of).ToList()
                    : Summaries(triage, rows.Tracker),
            };
            csv?.Complete(columns);
            if (settings.Formats.HasFlag(OutputFormats.Csv))
                ConnectionsCsv.Write(Path.Combine(outputFolder, "connections.csv"), document);
            Write(document, outputFolder);
            return new CaptureResult(input, document, outputFolder, null);
        }
        catch (ProcessTimeoutException ex)
        {
            return Failed(input, ex.Message);
        }
        catch (IOException ex)
        {
            return Failed(input, $"it could not be analysed ({ex.Message})");
        }
        finally
        {
            File.Delete(focusedPath);
        }
    }

    /// <summary>tshark over the whole capture; the reason it is not a capture, or null.</summary>
    private async Task<string?> FullAsync(CaptureInput input, DissectedRows rows, List<string> errors, CancellationToken cancellationToken)
    {
        var run = await TsharkDissection.RunAsync(settings.Tshark, input.Path, settings.Fields, rows.Add, settings.Timeout,
            cancellationToken).ConfigureAwait(false);
        if (run.Error is { } tsharkError)
        {
            if (rows.Packets == 0)
                return NotACapture(tsharkError);
            errors.Add($"{tsharkError} The {rows.Packets} packets read before the problem were analysed.");
        }
        errors.AddRange(run.RowErrors);
        return null;
    }

    /// <summary>Copies the reset connections and DNS into a focused capture and runs tshark over it
    /// alone, rows numbered as in the original; no tshark at all when nothing was reset.</summary>
    private async Task<FrameMap> FocusedAsync(CaptureInput input, TriageIndex triage, string focusedPath, DissectedRows rows,
        List<string> errors, CancellationToken cancellationToken)
    {
        if (triage.Damage is { } damage)
            errors.Add($"{damage.Message} The {triage.Packets} packets before it were analysed.");
        var frames = triage.FocusFrames();
        if (frames.Length == 0)
            return new FrameMap([]);

        long copied;
        using (var reader = CaptureReader.Open(input.Path) ?? throw new IOException("the capture changed while it was read"))
        await using (var file = new FileStream(focusedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            copied = CaptureExtract.Copy(reader, frames, new PcapngWriter(file), frame => new PacketNote(frame), cancellationToken);
        var focus = new FrameMap(frames[..(int)copied]);

        var run = await TsharkDissection.RunAsync(settings.Tshark, focusedPath, settings.Fields, rows.Add, settings.Timeout,
            cancellationToken, focus).ConfigureAwait(false);
        if (run.Error is { } tsharkError)
            errors.Add($"{tsharkError} (reading the {focus.Count} packets of the reset connections and DNS)");
        errors.AddRange(run.RowErrors);
        return focus;
    }

    /// <summary>Every connection from the triage index; those tshark dissected keep tshark's fuller history.</summary>
    private static List<ConnectionSummary> Summaries(TriageIndex triage, ConnectionTracker dissected)
    {
        var byStart = dissected.Connections.Select(ConnectionSummary.Of)
            .ToDictionary(s => (s.Client, s.Server, s.FirstFrame));
        return triage.Summaries().Select(s => byStart.GetValueOrDefault((s.Client, s.Server, s.FirstFrame), s)).ToList();
    }

    /// <summary>With tshark over everything: the reset connections' packets and the DNS frames.</summary>
    private static List<long> EvidenceFrames(DissectedRows rows) =>
        rows.Tracker.Connections.Where(c => c.HasReset).SelectMany(c => c.Packets.Select(p => p.Frame))
            .Concat(rows.DnsFrames)
            .Distinct()
            .Order()
            .ToList();

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

    private static CaptureResult Failed(CaptureInput input, string reason) =>
        new(input, null, null, $"{input.Path}: {reason}");

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
