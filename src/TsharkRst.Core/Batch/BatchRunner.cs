using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using TsharkRst.Analysis;
using TsharkRst.Processes;

namespace TsharkRst.Batch;

/// <summary>The batch policy in one place: the captures of this shard, several at once, each in its
/// own try/catch so one bad capture never stops the others; what is up to date in the manifest is
/// skipped; a capture's manifest entry is written only once its outputs are complete.</summary>
public sealed class BatchRunner(AnalysisSettings analysis, BatchSettings batch, Task<string> tsharkVersion, string outputRoot)
{
    public static string ToolVersion { get; } =
        typeof(BatchRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly CaptureManifest _manifest = new(outputRoot);
    private readonly CaptureAnalyzer _analyzer = new(analysis, tsharkVersion);
    private readonly string _settings = Fingerprint(analysis);

    /// <summary>The captures of this worker's shard, in a stable order.</summary>
    public IReadOnlyList<CaptureInput> Select(IEnumerable<CaptureInput> captures) =>
        captures.Where(c => batch.Shard.Includes(c.OutputName)).ToList();

    public async Task<IReadOnlyList<CaptureOutcome>> RunAsync(
        IReadOnlyList<CaptureInput> captures, IBatchObserver observer, CancellationToken cancellationToken)
    {
        RemoveLeftovers(outputRoot);
        RemoveLeftovers(_manifest.Folder);
        var outcomes = new ConcurrentBag<(int Order, CaptureOutcome Outcome)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, batch.Jobs), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(captures.Select((c, i) => (Capture: c, Order: i)), options, async (item, ct) =>
        {
            var bytes = SizeOf(item.Capture.Path);
            observer.Started(item.Capture, bytes);
            var outcome = await RunOneAsync(item.Capture, ct).ConfigureAwait(false);
            outcomes.Add((item.Order, outcome));
            observer.Finished(outcome, bytes);
        }).ConfigureAwait(false);
        return outcomes.OrderBy(o => o.Order).Select(o => o.Outcome).ToList();
    }

    private async Task<CaptureOutcome> RunOneAsync(CaptureInput capture, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outputRoot, capture.OutputName);
        var file = new FileInfo(capture.Path);
        string? sha256 = null;
        try
        {
            if (!batch.Force && file.Exists && _manifest.Read(capture.OutputName) is { } previous && IsUpToDate(previous, file, out sha256))
                return new CaptureOutcome(capture, OutcomeKind.UpToDate, folder, null, null);

            RemoveLeftovers(folder);
            var result = await _analyzer.AnalyzeAsync(capture, outputRoot, cancellationToken).ConfigureAwait(false);
            sha256 = result.Document?.Capture.Sha256 ?? sha256;
            Record(capture, file, sha256, result.Failure);
            return result.Succeeded
                ? new CaptureOutcome(capture, OutcomeKind.Analysed, folder, result.Document, null)
                : new CaptureOutcome(capture, OutcomeKind.Failed, folder, null, result.Failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or ProgramNotFoundException))
        {
            // Whatever broke, it broke for this capture only: record it and let the batch go on.
            var failure = $"{capture.Path}: {(ex is TsharkRstException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}")}";
            TryRecord(capture, file, sha256, failure);
            return new CaptureOutcome(capture, OutcomeKind.Failed, folder, null, failure);
        }
    }

    private bool IsUpToDate(CaptureRecord previous, FileInfo file, out string? sha256)
    {
        sha256 = previous.Sha256;
        if (previous.Status != CaptureRecord.Analysed || previous.Tool != ToolVersion ||
            previous.Fields != analysis.Fields.Sha256 || previous.Settings != _settings || previous.Size != file.Length)
            return false;
        if (previous.Modified == file.LastWriteTimeUtc)
            return true;
        // Touched but maybe not changed: the content decides.
        using var stream = file.OpenRead();
        sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        return sha256 == previous.Sha256;
    }

    private void Record(CaptureInput capture, FileInfo file, string? sha256, string? failure)
    {
        file.Refresh();
        _manifest.Write(new CaptureRecord
        {
            Path = capture.Path,
            Output = capture.OutputName,
            Size = file.Exists ? file.Length : 0,
            Modified = file.Exists ? file.LastWriteTimeUtc : DateTimeOffset.UnixEpoch,
            Sha256 = sha256,
            Tool = ToolVersion,
            Fields = analysis.Fields.Sha256,
            Settings = _settings,
            Status = failure is null ? CaptureRecord.Analysed : CaptureRecord.Failed,
            Failure = failure,
        });
    }

    private void TryRecord(CaptureInput capture, FileInfo file, string? sha256, string failure)
    {
        try
        {
            Record(capture, file, sha256, failure);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The output folder itself is unwritable: the failure is still reported by the outcome.
        }
    }

    /// <summary>Temporary files a killed run left behind, so a rerun's folder is exactly a clean run's.</summary>
    private static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        foreach (var leftover in Directory.EnumerateFiles(folder, ".*.tmp"))
            File.Delete(leftover);
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Everything besides the capture that shapes its outputs: a change means redo.</summary>
    private static string Fingerprint(AnalysisSettings s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', s.Diagnosis.IdleThreshold.Ticks, (int)s.Formats, s.Templates.Fingerprint, s.FullDissection))))[..16];
}
