using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>Analyses one capture: a triage pass over every packet, tshark over the reset connections
/// and DNS only (or over everything with <see cref="AnalysisSettings.FullDissection"/>, or when the
/// triage pass cannot read the capture), then connections → findings → the output files.
/// Problems with the capture become errors in its result; only a missing tshark or a cancellation escapes.
/// The tshark version is awaited only when a document is made, so asking for it overlaps the first capture.</summary>
public sealed class CaptureAnalyzer(AnalysisSettings settings, Task<string> tsharkVersion)
{
    /// <summary>From this size on, tshark starts alongside the triage pass, which then hides its start-up
    /// (about half a second); smaller captures are triaged first, and need no tshark without a RST.</summary>
    private const long EarlyTsharkBytes = 64L << 20;

    public CaptureAnalyzer(AnalysisSettings settings, string tsharkVersion) : this(settings, Task.FromResult(tsharkVersion))
    {
    }

    public async Task<CaptureResult> AnalyzeAsync(CaptureInput input, string outputRoot, CancellationToken cancellationToken)
    {
        var outputFolder = Path.Combine(outputRoot, input.OutputName);
        if (!File.Exists(input.Path))
            return Failed(input, Directory.Exists(input.Path) ? "it is a folder, not a capture file" : "no such file");

        if (new FileInfo(input.Path).Length == 0)
            return Failed(input, "the file is empty");
        // tshark also reads text formats; only what the triage pass and the fixtures cover is taken.
        if (!CaptureDiscovery.LooksLikeCapture(input.Path))
            return Failed(input, "it is not a capture file tshark can read (pcap, pcapng, or one of their gzip-compressed forms).");

        // Both read the whole file; side by side they share the page cache and the two cores.
        var hashing = Sha256Async(input.Path, cancellationToken);
        var triaging = settings.FullDissection ? null : Task.Run(() => TriagePass.Run(input.Path, cancellationToken), cancellationToken);

        IReadOnlyList<string> columns = settings.Fields.Names;
        using var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? new PacketsCsv(Path.Combine(outputFolder, "packets.csv"))
            : null;
        var rows = new DissectedRows(csv, columns) { GatherProfiles = triaging is null };
        var kept = new KeptFindings(settings.MaxFindings);
        var errors = new List<string>();
        var focusedPath = Path.Combine(Path.GetTempPath(), $"tsharkrst-focus-{Guid.NewGuid():N}.pcapng");
        try
        {
            var focused = triaging is null
                ? null
                : await FocusedAsync(input, triaging, focusedPath, rows, kept, errors, cancellationToken).ConfigureAwait(false);
            string sha256;
            try
            {
                sha256 = await hashing.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Failed(input, $"it cannot be read ({ex.Message})");
            }
            if (focused?.Unreadable is { } unreadable)
                return Failed(input, $"it cannot be read ({unreadable.Message})");
            var triage = focused?.Triage;
            if (triage is { Packets: 0, Damage: { } damaged })
                return Failed(input, damaged.Message);
            rows.GatherProfiles = triage is null;
            if (triage is null && await FullAsync(input, rows, errors, cancellationToken).ConfigureAwait(false) is { } failure)
                return Failed(input, failure);
            if (triage?.Damage is { } damage)
                errors.Insert(0, $"{damage.Message} The {triage.Packets} packets before it were analysed.");

            rows.Completion = null; // tshark is done: the index of last frames is not needed any more
            ReturnMemory();
            var profiles = triage?.Profiles ?? rows.Profiles;
            foreach (var connection in rows.Tracker.Connections.Where(c => c.HasReset))
                kept.Add(ResetDiagnosis.Diagnose(connection, settings.Diagnosis, profiles, rows.Dns));
            var (findings, aggregated) = kept.Complete();
            var version = await tsharkVersion.ConfigureAwait(false);
            var capture = triage is null
                ? new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, rows.Packets, rows.First, rows.Last, version)
                : new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, triage.Packets, triage.First, triage.Last, version);

            var evidenceWriting = StartEvidence(
                () => triage is null ? new EvidenceSource(input.Path, EvidenceFrames(rows), frame => frame) : focused!.Dissected,
                findings, outputFolder, errors, cancellationToken);

            IReadOnlyList<ConnectionSummary> connections = triage is null
                ? rows.Tracker.Connections.Select(ConnectionSummary.Of).ToList()
                : Summaries(triage, rows);
            var document = new FindingsDocument(capture, findings, PatternRules.Find(connections, findings, profiles), errors)
            {
                Connections = connections,
                Aggregated = aggregated,
            };
            csv?.Complete(columns);
            if (settings.Formats.HasFlag(OutputFormats.Csv))
                ConnectionsCsv.Write(Path.Combine(outputFolder, "connections.csv"), document);
            ReturnMemory();
            await Write(document, outputFolder, evidenceWriting).ConfigureAwait(false);
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

    /// <summary>For pairing: tshark over the whole capture (pairing matches every connection, not only
    /// the reset ones): its connections, DNS names and address profiles, and packets.csv as the rows
    /// stream by. The reason when the capture cannot be analysed at all.</summary>
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

        IReadOnlyList<string> columns = settings.Fields.Names;
        using var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? new PacketsCsv(Path.Combine(outputFolder, "packets.csv"))
            : null;
        var rows = new DissectedRows(csv, columns);
        var errors = new List<string>();
        try
        {
            if (await FullAsync(input, rows, errors, cancellationToken).ConfigureAwait(false) is { } failure)
                return (null, failure);
        }
        catch (ProcessTimeoutException ex)
        {
            return (null, ex.Message);
        }
        csv?.Complete(columns);
        return (new CaptureDissection(input, outputFolder,
            new CaptureInfo(input.Path, Path.GetFileName(input.Path), sha256, rows.Packets, rows.First, rows.Last,
                await tsharkVersion.ConfigureAwait(false)),
            rows, errors), null);
    }

    /// <summary>Findings, patterns and the output files of a dissected capture; with a capture from
    /// the other end of the path, each finding carries what that capture proves.</summary>
    internal CaptureResult Conclude(CaptureDissection dissection, CapturePairing? pairing)
    {
        var (input, outputFolder, rows) = (dissection.Input, dissection.OutputFolder, dissection.Rows);
        var (tracker, dns, profiles) = (rows.Tracker, rows.Dns, rows.Profiles);
        var kept = new KeptFindings(settings.MaxFindings);
        foreach (var connection in tracker.Connections.Where(c => c.HasReset))
            kept.Add(ResetDiagnosis.Diagnose(connection, settings.Diagnosis, profiles, dns, pairing));
        var (findings, aggregated) = kept.Complete();
        var connections = tracker.Connections.Select(ConnectionSummary.Of).ToList();
        List<string> errors = [.. dissection.Errors, .. pairing?.Problems() ?? []];
        var evidenceWriting = StartEvidence(() => new EvidenceSource(input.Path, EvidenceFrames(rows), frame => frame),
            findings, outputFolder, errors, CancellationToken.None);
        var document = new FindingsDocument(dissection.Capture, findings, PatternRules.Find(connections, findings, profiles), errors)
        { Connections = connections, Pair = pairing?.Summary(), Aggregated = aggregated };

        if (settings.Formats.HasFlag(OutputFormats.Csv))
            ConnectionsCsv.Write(Path.Combine(outputFolder, "connections.csv"), document);
        Write(document, outputFolder, evidenceWriting).GetAwaiter().GetResult();
        return new CaptureResult(input, document, outputFolder, null);
    }

    /// <summary>Starts copying evidence.pcapng, which goes on while the reports are written; when it cannot be
    /// copied, the reason goes to <paramref name="errors"/> instead.</summary>
    private Task StartEvidence(Func<EvidenceSource> source, IReadOnlyList<ResetFinding> findings, string outputFolder,
        List<string> errors, CancellationToken cancellationToken)
    {
        if (!settings.Formats.HasFlag(OutputFormats.Evidence))
            return Task.CompletedTask;
        var evidence = source();
        if (EvidenceCapture.Problem(evidence) is { } problem)
        {
            errors.Add(problem);
            return Task.CompletedTask;
        }
        return Task.Run(() => EvidenceCapture.Write(
            Path.Combine(outputFolder, EvidenceCapture.FileName), evidence, findings,
            settings.KeepSecrets ? KeptSecrets(evidence) : [], cancellationToken), cancellationToken);
    }

    /// <summary>With --keep-secrets: the key log given, and the Decryption Secrets Blocks of the capture the
    /// evidence is copied from (the focused capture carries the original's).</summary>
    private IReadOnlyList<DecryptionSecrets> KeptSecrets(EvidenceSource evidence)
    {
        var secrets = new List<DecryptionSecrets>();
        if (settings.TlsKeys is { } keys)
            secrets.Add(new DecryptionSecrets(DecryptionSecrets.TlsKeyLog, keys.Content));
        using var reader = CaptureReader.Open(evidence.Path);
        if (reader is not null)
        {
            while (reader.Read(out _))
            {
            }
            secrets.AddRange(reader.Secrets);
        }
        return secrets;
    }

    /// <summary>tshark over the whole capture; the reason it is not a capture, or null.</summary>
    private async Task<string?> FullAsync(CaptureInput input, DissectedRows rows, List<string> errors, CancellationToken cancellationToken)
    {
        var run = await TsharkDissection.RunAsync(settings.Tshark, input.Path, settings.Fields, rows.Add, settings.Timeout,
            cancellationToken, keys: settings.TlsKeys).ConfigureAwait(false);
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
    /// alone, rows numbered as in the original. A small capture without a RST needs no tshark at all;
    /// a big one starts tshark at once and hands it the focused capture when the triage pass is done.</summary>
    private async Task<FocusedDissection> FocusedAsync(CaptureInput input, Task<TriageIndex?> triaging, string focusedPath,
        DissectedRows rows, KeptFindings kept, List<string> errors, CancellationToken cancellationToken)
    {
        TriageIndex? triage = null;
        Exception? unreadable = null;
        FrameMap? focus = null;
        var dissected = new EvidenceSource(focusedPath, [], frame => frame);

        async Task TriagedAsync()
        {
            try
            {
                triage = await triaging.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable = ex;
            }
            if (triage is { UndecodedLinkType: not null })
                triage = null; // a link type only tshark knows: tshark reads everything
            ReturnMemory();
        }

        if (new FileInfo(input.Path).Length < EarlyTsharkBytes)
        {
            await TriagedAsync().ConfigureAwait(false);
            if (triage is not { HasReset: true })
                return new FocusedDissection(triage, dissected, unreadable);
        }

        var run = await TsharkDissection.RunAsync(settings.Tshark, focusedPath, settings.Fields, rows.Add, settings.Timeout,
            cancellationToken,
            originalFrame: frame => focus?.Original(frame) ?? frame,
            standardInput: async (stdin, token) =>
            {
                await TriagedAsync().ConfigureAwait(false);
                var frames = triage?.FocusFrames() ?? new FrameSet();
                if (triage is not null)
                    rows.Completion = new ResetCompletion(triage.Connections, (connection, indexed) =>
                    {
                        // Its rows are complete, the address profiles too (the triage pass saw every packet),
                        // and the DNS names it is given are those answered before its RST.
                        kept.Add(ResetDiagnosis.Diagnose(connection, settings.Diagnosis, triage.Profiles, rows.Dns));
                        rows.Retire(connection, indexed);
                    });
                if (frames.Count > 0 && frames.Count >= triage!.Packets * 9 / 10)
                {
                    // Nearly every packet is wanted: tshark reads the capture itself rather than a copy.
                    dissected = new EvidenceSource(input.Path, frames, frame => frame);
                }
                else
                {
                    // The map is known before the first packet is written, so tshark's first row can use it.
                    var map = focus = new FrameMap(frames);
                    dissected = new EvidenceSource(focusedPath, FrameSet.Through(map.Count), map.Original);
                    WriteFocused(input.Path, frames, focusedPath, stdin, triage?.ResumePoints ?? [], triage?.Secrets ?? [], token);
                    return;
                }
                await using var file = new FileStream(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await file.CopyToAsync(stdin, token).ConfigureAwait(false);
            }, keys: settings.TlsKeys).ConfigureAwait(false);
        if (triage is not null)
        {
            if (run.Error is { } tsharkError)
                errors.Add($"{tsharkError} (reading the {dissected.Frames.Count} packets of the reset connections and DNS)");
            errors.AddRange(run.RowErrors);
        }
        return new FocusedDissection(triage, dissected, unreadable);
    }

    /// <summary>Writes the focused capture to its file and to tshark at once, so tshark dissects while
    /// the capture is read (just a section header when there is nothing to focus on).</summary>
    private static void WriteFocused(string capturePath, FrameSet frames, string focusedPath, Stream tshark,
        IReadOnlyList<ResumePoint> resumePoints, IReadOnlyList<DecryptionSecrets> secrets, CancellationToken cancellationToken)
    {
        using var file = new FileStream(focusedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new PcapngWriter(file, tshark);
        if (frames.Count == 0)
            return;
        // The capture's own keys go first, so tshark decrypts what follows.
        foreach (var secret in secrets)
            writer.WriteSecrets(secret);
        using var reader = CaptureReader.Open(capturePath) ?? throw new IOException("the capture changed while it was read");
        CaptureExtract.Copy(reader, frames, writer, frame => new PacketNote(frame), cancellationToken, resumePoints);
    }

    /// <summary>Every connection from the triage index; those tshark dissected keep tshark's fuller history.</summary>
    private static IndexedSummaries Summaries(TriageIndex triage, DissectedRows dissected)
    {
        var byStart = new Dictionary<(Endpoint, Endpoint, long), ConnectionSummary>(dissected.Retired);
        foreach (var summary in dissected.Tracker.Connections.Select(ConnectionSummary.Of))
            byStart[(summary.Client, summary.Server, summary.FirstFrame)] = summary;
        return new IndexedSummaries(triage.Connections, byStart);
    }

    /// <summary>With tshark over everything: the reset connections' packets and the DNS frames.</summary>
    private static List<long> EvidenceFrames(DissectedRows rows) =>
        rows.Tracker.Connections.Where(c => c.HasReset).SelectMany(c => c.Packets.Select(p => p.Frame))
            .Concat(rows.DnsFrames)
            .Distinct()
            .Order()
            .ToList();

    private async Task Write(FindingsDocument document, string folder, Task evidenceWriting)
    {
        Directory.CreateDirectory(folder);
        var view = settings.Formats.HasFlag(OutputFormats.Markdown) || settings.Formats.HasFlag(OutputFormats.Html)
            ? ReportView.From(document)
            : null;
        if (settings.Formats.HasFlag(OutputFormats.Markdown))
            AtomicFile.WriteText(Path.Combine(folder, "summary.md"), settings.Templates.RenderMarkdown(view!));
        if (settings.Formats.HasFlag(OutputFormats.Html))
            AtomicFile.WriteText(Path.Combine(folder, "report.html"), settings.Templates.RenderHtml(view!));
        await evidenceWriting.ConfigureAwait(false);
        // findings.json last: its presence means the capture's outputs are complete.
        if (settings.Formats.HasFlag(OutputFormats.Json))
            AtomicFile.Write(Path.Combine(folder, "findings.json"), stream => FindingsJson.Write(document, stream));
    }

    /// <summary>A full collection between the stages: the index, the rows and the reports each leave garbage
    /// the next stage need not sit on. Not compacting: moving a 100 MB index cost a 40 MB spike on a
    /// capture of 625,000 connections.</summary>
    private static void ReturnMemory() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);

    private static string NotACapture(string tsharkError) =>
        tsharkError.Contains("isn't a capture file", StringComparison.Ordinal) ||
        tsharkError.Contains("unknown file format", StringComparison.OrdinalIgnoreCase)
            ? "it is not a capture file tshark can read (pcap, pcapng, or one of their compressed forms)."
            : tsharkError;

    internal static CaptureResult Failed(CaptureInput input, string reason) =>
        new(input, null, null, $"{input.Path}: {reason}");

    private static Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        Task.Run(() => CaptureHash.Sha256(path, cancellationToken), cancellationToken);
}
