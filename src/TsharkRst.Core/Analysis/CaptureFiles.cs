using TsharkRst.Capture;
using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>The files of one capture's output folder, as <see cref="AnalysisSettings.Formats"/> asks: packets.csv
/// as the rows arrive, then evidence.pcapng beside the reports, and findings.json last: its presence means the
/// capture's outputs are complete.</summary>
internal sealed class CaptureFiles(AnalysisSettings settings, string folder)
{
    /// <summary>packets.csv, written while tshark runs; null when not asked for.</summary>
    public static PacketsCsv? PacketsCsv(AnalysisSettings settings, string folder) =>
        settings.Formats.HasFlag(OutputFormats.Csv) ? new PacketsCsv(Path.Combine(folder, "packets.csv")) : null;

    /// <summary>Where a focused capture is written for tshark (and evidence.pcapng copied from), deleted afterwards.</summary>
    public static string FocusedPath() => Path.Combine(Path.GetTempPath(), $"tsharkrst-focus-{Guid.NewGuid():N}.pcapng");

    public static Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        Task.Run(() => CaptureHash.Sha256(path, cancellationToken), cancellationToken);

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
    /// last, once the others and evidence.pcapng are written.</summary>
    public async Task WriteAsync(FindingsDocument document, Task evidenceWriting)
    {
        Directory.CreateDirectory(folder);
        // Each is a first run of its code in a short process: on two cores they overlap rather than queue.
        using var json = settings.Formats.HasFlag(OutputFormats.Json) ? new PendingFile(Path.Combine(folder, "findings.json")) : null;
        var serialising = json is null ? Task.CompletedTask : Task.Run(() => FindingsJson.Write(document, json.Stream));
        var csv = settings.Formats.HasFlag(OutputFormats.Csv)
            ? Task.Run(() => ConnectionsCsv.Write(Path.Combine(folder, "connections.csv"), document))
            : Task.CompletedTask;
        var reports = Task.Run(WriteReportsAsync);
        // Every one is waited for, whichever fails: findings.json is not disposed while it is being written.
        await Task.WhenAll(reports, csv, serialising, evidenceWriting).ConfigureAwait(false);
        json?.Commit();

        async Task WriteReportsAsync()
        {
            if (!settings.Formats.HasFlag(OutputFormats.Markdown) && !settings.Formats.HasFlag(OutputFormats.Html))
                return;
            var view = ReportView.From(document);
            var markdown = settings.Formats.HasFlag(OutputFormats.Markdown)
                ? Task.Run(() => AtomicFile.WriteText(Path.Combine(folder, "summary.md"), settings.Templates.RenderMarkdown(view)))
                : Task.CompletedTask;
            var html = settings.Formats.HasFlag(OutputFormats.Html)
                ? Task.Run(() => AtomicFile.WriteText(Path.Combine(folder, "report.html"), settings.Templates.RenderHtml(view)))
                : Task.CompletedTask;
            await Task.WhenAll(markdown, html).ConfigureAwait(false);
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
