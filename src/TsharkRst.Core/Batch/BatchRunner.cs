using System.Security.Cryptography;
using System.Text;
using TsharkRst.Analysis;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Tshark;

namespace TsharkRst.Batch;

/// <summary>The batch policy in one place: the captures of this shard, several at once, each in its
/// own try/catch so one bad capture never stops the others; what is up to date in the manifest is
/// skipped; a capture's manifest entry is written only once its outputs are complete.</summary>
public sealed class BatchRunner(AnalysisSettings analysis, BatchSettings batch, Task<string> tsharkVersion, string outputRoot,
    TsharkPool? pool = null)
{
    private readonly CaptureManifest _manifest = new(outputRoot);
    private readonly CaptureAnalyzer _analyzer = new(analysis, tsharkVersion, pool);
    private readonly Lazy<string> _settings = new(() => Fingerprint(analysis));

    /// <summary>The captures of this worker's shard, in a stable order; the two captures of a pair go
    /// to the same shard.</summary>
    public IReadOnlyList<CaptureInput> Select(IEnumerable<CaptureInput> captures) =>
        captures.Where(c => batch.Shard.Includes(BatchUnits.Name(c))).ToList();

    public async Task<IReadOnlyList<CaptureOutcome>> RunAsync(
        IReadOnlyList<CaptureInput> captures, IBatchObserver observer, CancellationToken cancellationToken)
    {
        Warm(captures);
        RemoveLeftovers(outputRoot);
        RemoveLeftovers(_manifest.Folder);
        // By place: a pair's second capture missing from the list is placed after the list.
        var outcomes = new CaptureOutcome?[2 * captures.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, batch.Jobs), CancellationToken = cancellationToken };
        var units = BatchUnits.Of(captures);
        pool?.Expect(units.Count);
        await Parallel.ForEachAsync(units, options, async (unit, ct) =>
        {
            foreach (var (capture, _) in unit)
                observer.Started(capture, SizeOf(capture.Path));
            var done = await RunUnitAsync(unit.Select(u => u.Capture).ToList(), ct).ConfigureAwait(false);
            for (var i = 0; i < unit.Count; i++)
            {
                outcomes[unit[i].Order] = done[i];
                observer.Finished(done[i], SizeOf(unit[i].Capture.Path));
            }
        }).ConfigureAwait(false);
        return outcomes.OfType<CaptureOutcome>().ToList();
    }

    /// <summary>Starts the pool's first tshark when a capture is small enough to share one: its start-up passes while the
    /// rest is prepared and the first capture is triaged. A big capture starts its own tshark, and one started for
    /// nothing would take a core from its triage pass.</summary>
    public void Warm(IReadOnlyList<CaptureInput> captures)
    {
        if (captures.Any(c => SizeOf(c.Path) < analysis.EarlyTsharkBytes))
            pool?.Warm();
    }

    /// <summary>A capture, or a pair (the first knows the second as its pair): redone unless every capture of it is
    /// up to date, each recorded with its outcome, and what breaks breaks for this unit only.</summary>
    private async Task<IReadOnlyList<CaptureOutcome>> RunUnitAsync(IReadOnlyList<CaptureInput> unit, CancellationToken cancellationToken)
    {
        var files = unit.Select(c => new FileInfo(c.Path)).ToList();
        var sha256 = new string?[unit.Count];
        string? PairOf(int i) => unit.Count == 2 ? unit[1 - i].Path : null;
        var settled = 0;
        // Once per unit, however it ends: the pool lets its tsharks go after the last.
        void Settle()
        {
            if (Interlocked.Exchange(ref settled, 1) == 0)
                pool?.Settle();
        }
        try
        {
            var previous = unit.Select(c => batch.Force ? null : _manifest.Read(c.OutputName)).ToList();
            var upToDate = true;
            for (var i = 0; i < unit.Count && upToDate; i++)
                upToDate = files[i].Exists && previous[i] is { } p && IsUpToDate(p, files[i], PairOf(i), out sha256[i]);
            // A pair is redone when either capture changed.
            if (upToDate && (unit.Count == 1 || (previous[0]!.PairSha256 == sha256[1] && previous[1]!.PairSha256 == sha256[0])))
                return unit.Select(c => Outcome(c, OutcomeKind.UpToDate, null, null)).ToList();

            foreach (var capture in unit)
                RemoveLeftovers(Path.Combine(outputRoot, capture.OutputName));
            var results = await _analyzer.AnalyzeAsync(unit[0], outputRoot, cancellationToken, Settle).ConfigureAwait(false);
            for (var i = 0; i < unit.Count; i++)
                sha256[i] = results[i].Document?.Capture.Sha256 ?? sha256[i];
            for (var i = 0; i < unit.Count; i++)
                Record(unit[i], files[i], sha256[i], results[i].Failure, PairOf(i), unit.Count == 2 ? sha256[1 - i] : null);
            return results.Select((r, i) => r.Succeeded
                ? Outcome(unit[i], OutcomeKind.Analysed, CaptureCounts.Of(r.Document!), null)
                : Outcome(unit[i], OutcomeKind.Failed, null, r.Failure)).ToList();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or ProgramNotFoundException))
        {
            // Whatever broke, it broke for this unit only: record it for each capture and let the batch go on.
            var why = ex is TsharkRstException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return unit.Select((capture, i) =>
            {
                var failure = $"{capture.Path}: {why}";
                TryRecord(capture, files[i], sha256[i], failure);
                return Outcome(capture, OutcomeKind.Failed, null, failure);
            }).ToList();
        }
        finally
        {
            Settle();
        }
    }

    private CaptureOutcome Outcome(CaptureInput capture, OutcomeKind kind, CaptureCounts? counts, string? failure) =>
        new(capture, kind, Path.Combine(outputRoot, capture.OutputName), counts, failure);

    /// <param name="pair">the path of the capture it is paired with now, or null: a change of pair redoes it</param>
    private bool IsUpToDate(CaptureRecord previous, FileInfo file, string? pair, out string? sha256)
    {
        sha256 = previous.Sha256;
        if (previous.Status != CaptureRecord.Analysed || previous.Tool != ToolVersion.Current || previous.Pair != pair ||
            previous.Fields != analysis.Fields.Sha256 || previous.Settings != _settings.Value || previous.Size != file.Length)
            return false;
        if (previous.Modified == file.LastWriteTimeUtc)
            return true;
        // Touched but maybe not changed: the content decides.
        sha256 = CaptureHash.Sha256(file.FullName);
        return sha256 == previous.Sha256;
    }

    private void Record(CaptureInput capture, FileInfo file, string? sha256, string? failure, string? pair = null, string? pairSha256 = null)
    {
        file.Refresh();
        _manifest.Write(new CaptureRecord
        {
            Path = capture.Path,
            Output = capture.OutputName,
            Size = file.Exists ? file.Length : 0,
            Modified = file.Exists ? file.LastWriteTimeUtc : DateTimeOffset.UnixEpoch,
            Sha256 = sha256,
            Tool = ToolVersion.Current,
            Fields = analysis.Fields.Sha256,
            Settings = _settings.Value,
            Status = failure is null ? CaptureRecord.Analysed : CaptureRecord.Failed,
            Failure = failure,
            Pair = pair,
            PairSha256 = pairSha256,
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
        string.Join('\n', s.Diagnosis.IdleThreshold.Ticks, (int)s.Formats, s.Templates.Fingerprint, s.FullDissection, s.MaxFindings,
            s.TlsKeys?.Fingerprint, s.KeepSecrets))))[..16];
}
