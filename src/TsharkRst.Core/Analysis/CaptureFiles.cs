using TsharkRst.Capture;
using TsharkRst.Findings;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>The files of one capture's output folder, as <see cref="AnalysisSettings.Formats"/> asks: packets.csv
/// as the rows arrive, then evidence.pcapng beside the reports, and findings.json last: its presence means the
/// capture's outputs are complete.</summary>
internal sealed class CaptureFiles(AnalysisSettings settings, string folder)
{
    /// <summary>packets.csv, written while tshark runs; null when not asked for.</summary>
    public static PacketsCsv? PacketsCsv(AnalysisSettings settings, string folder, string capturePath) =>
        settings.Formats.HasFlag(OutputFormats.Csv)
            ? new PacketsCsv(Path.Combine(folder, Reports.PacketsCsv.FileName), UncachedFileStream.Worthwhile(capturePath))
            : null;

    /// <summary>Where a focused capture is written for tshark (and evidence.pcapng copied from), deleted afterwards.</summary>
    public static string FocusedPath() => Path.Combine(Path.GetTempPath(), $"tsharkrst-focus-{Guid.NewGuid():N}.pcapng");

    /// <summary>The capture's SHA-256. A big capture's takes a core for a fifth of a second: on a thread of its own, not
    /// one of the pool's, where the short work queued behind it (tshark's input once the focus is known) waited 20 ms.</summary>
    public static Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        new FileInfo(path) is { Exists: true, Length: >= TsharkPool.SmallCaptureBytes }
            ? Task.Factory.StartNew(() => CaptureHash.Sha256(path, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning,
                TaskScheduler.Default)
            : Task.Run(() => CaptureHash.Sha256(path, cancellationToken), cancellationToken);

    /// <summary>The SHA-256, or why the capture cannot be read.</summary>
    public static async Task<(string? Sha256, string? Failure)> Sha256OrFailureAsync(Task<string> hashing)
    {
        try
        {
            return (await hashing.ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"it cannot be read ({ex.Message})");
        }
    }

    /// <summary>Why the capture cannot be read, or null: said before any other failure.</summary>
    public static async Task<string?> UnreadableAsync(Task<string> hashing) => (await Sha256OrFailureAsync(hashing).ConfigureAwait(false)).Failure;

    /// <summary>Starts copying evidence.pcapng, which goes on while the reports are written; when it cannot be
    /// copied, the reason goes to <paramref name="errors"/> instead.</summary>
    public Task StartEvidence(EvidenceSource evidence, IReadOnlyList<ResetFinding> findings, List<string> errors, EvidenceCopy? copy,
        CancellationToken cancellationToken)
    {
        if (!settings.Formats.HasFlag(OutputFormats.Evidence))
            return Task.CompletedTask;
        if (copy is not null)
            return CompleteAsync(copy, evidence, findings, cancellationToken);
        if (EvidenceCapture.Problem(evidence) is { } problem)
        {
            errors.Add(problem);
            return Task.CompletedTask;
        }
        return Task.Run(() => Write(evidence, findings, cancellationToken), cancellationToken);
    }

    /// <summary>Whether evidence.pcapng is copied while tshark runs (<see cref="EvidenceCopy"/>): not with --keep-secrets,
    /// whose secrets are those of the capture it is copied from once read whole.</summary>
    public static bool CopiesEvidenceEarly(AnalysisSettings settings) =>
        settings.Formats.HasFlag(OutputFormats.Evidence) && !settings.KeepSecrets;

    /// <summary>The copy made while tshark ran, or, should its comments not be the findings' (a RST tshark found that the
    /// triage pass did not), the file written as usual.</summary>
    private async Task CompleteAsync(EvidenceCopy copy, EvidenceSource evidence, IReadOnlyList<ResetFinding> findings,
        CancellationToken cancellationToken)
    {
        if (!await copy.CompleteAsync(findings).ConfigureAwait(false))
            await Task.Run(() => Write(evidence, findings, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private void Write(EvidenceSource evidence, IReadOnlyList<ResetFinding> findings, CancellationToken cancellationToken) =>
        EvidenceCapture.Write(Path.Combine(folder, EvidenceCapture.FileName), evidence, findings,
            settings.KeepSecrets ? KeptSecrets(evidence) : [], cancellationToken);

    /// <summary>connections.csv, summary.md, report.html and findings.json side by side; findings.json is put in place
    /// last, once the others and evidence.pcapng are written. The reports are rendered while the capture is still being
    /// hashed (a big capture's hash takes longer than its reports), and written once it is known to be readable: if it
    /// is not, or the run is cancelled meanwhile, packets.csv, connections.csv and the evidence are removed.</summary>
    /// <returns>the document with the capture's hash, or why the capture cannot be read</returns>
    public async Task<(FindingsDocument? Document, string? Failure)> WriteAsync(FindingsDocument document, Task evidenceWriting,
        Task<string> hashing)
    {
        Directory.CreateDirectory(folder);
        // Awaited, not run: these complete on the hash's own thread, which a report waiting for the hash does not hold.
        var hashed = HashedAsync();
        var sha256 = Sha256Async();
        // Each is a first run of its code in a short process: on two cores they overlap rather than queue.
        using var json = settings.Formats.HasFlag(OutputFormats.Json) ? new PendingFile(Path.Combine(folder, "findings.json")) : null;
        var serialising = json is null ? Task.CompletedTask : Task.Run(async () =>
        {
            // Once to nowhere while a big capture is still being hashed, on the core the hash leaves idle: the real one after
            // the hash then runs warm (big.pcapng: 13 ms less at the end).
            if (!hashed.IsCompleted)
                FindingsJson.Write(document, Stream.Null);
            if ((await hashed.ConfigureAwait(false)).Document is { } complete)
                FindingsJson.Write(complete, json.Stream);
        });
        var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? Task.Run(() => ConnectionsCsv.Write(Path.Combine(folder, ConnectionsCsv.FileName), document))
            : Task.CompletedTask;
        var reports = Task.Run(WriteReportsAsync);
        // Every one is waited for, whichever fails: findings.json is not disposed while it is being written. The hash's word
        // comes first: a capture that cannot be read says so, whatever failed in reading it again for the evidence.
        var writing = Task.WhenAll(reports, csv, serialising, evidenceWriting);
        await Task.WhenAny(writing).ConfigureAwait(false);
        (FindingsDocument? Document, string? Failure) outcome;
        try
        {
            outcome = await hashed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RemoveUnfinished();
            throw;
        }
        if (outcome.Failure is not null)
        {
            RemoveUnfinished();
            return outcome;
        }
        await writing.ConfigureAwait(false);
        json?.Commit();
        return outcome;

        // What this run wrote before the hash was known, and which no findings.json will vouch for.
        void RemoveUnfinished()
        {
            if (settings.Formats.HasFlag(OutputFormats.Csv))
            {
                File.Delete(Path.Combine(folder, Reports.PacketsCsv.FileName));
                File.Delete(Path.Combine(folder, ConnectionsCsv.FileName));
            }
            if (settings.Formats.HasFlag(OutputFormats.Evidence))
                File.Delete(Path.Combine(folder, EvidenceCapture.FileName));
        }

        async Task<(FindingsDocument? Document, string? Failure)> HashedAsync() =>
            await Sha256OrFailureAsync(hashing).ConfigureAwait(false) switch
            {
                (_, { } failure) => (null, failure),
                var (hash, _) => (document with { Capture = document.Capture with { Sha256 = hash } }, null),
            };

        // A report waits for it: cancelled, it prints none, and the run stops at the awaits above.
        async Task<string?> Sha256Async()
        {
            try
            {
                return (await hashed.ConfigureAwait(false)).Document?.Capture.Sha256;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        async Task WriteReportsAsync()
        {
            if (!settings.Formats.HasFlag(OutputFormats.Markdown) && !settings.Formats.HasFlag(OutputFormats.Html))
                return;
            var view = ReportView.From(document, sha256);
            await Task.WhenAll(Report(OutputFormats.Markdown, "summary.md", settings.Templates.RenderMarkdown),
                Report(OutputFormats.Html, "report.html", settings.Templates.RenderHtml)).ConfigureAwait(false);

            Task Report(OutputFormats format, string name, Func<ReportView, CancellationToken, string> render) =>
                !settings.Formats.HasFlag(format) ? Task.CompletedTask : Task.Run(async () =>
                {
                    var text = render(view, default);
                    if (await sha256.ConfigureAwait(false) is not null)
                        AtomicFile.WriteText(Path.Combine(folder, name), text);
                });
        }
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
}
