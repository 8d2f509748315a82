using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using TsharkRst.Analysis;
using TsharkRst.Capture;
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

    /// <summary>The captures of this worker's shard, in a stable order; the two captures of a pair go
    /// to the same shard.</summary>
    public IReadOnlyList<CaptureInput> Select(IEnumerable<CaptureInput> captures) =>
        captures.Where(c => batch.Shard.Includes(UnitName(c))).ToList();

    public async Task<IReadOnlyList<CaptureOutcome>> RunAsync(
        IReadOnlyList<CaptureInput> captures, IBatchObserver observer, CancellationToken cancellationToken)
    {
        RemoveLeftovers(outputRoot);
        RemoveLeftovers(_manifest.Folder);
        var outcomes = new ConcurrentBag<(int Order, CaptureOutcome Outcome)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, batch.Jobs), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Units(captures), options, async (unit, ct) =>
        {
            // Each unit from a fresh stack: the previous capture's completion may run this inline, and its
            // frames would keep that capture's connection index alive all through the next one.
            await Task.Yield();
            foreach (var (capture, _) in unit)
                observer.Started(capture, SizeOf(capture.Path));
            IReadOnlyList<CaptureOutcome> done = unit.Count == 1
                ? [await RunOneAsync(unit[0].Capture, ct).ConfigureAwait(false)]
                : await RunPairAsync(unit[0].Capture, unit[1].Capture, ct).ConfigureAwait(false);
            for (var i = 0; i < unit.Count; i++)
            {
                outcomes.Add((unit[i].Order, done[i]));
                observer.Finished(done[i], SizeOf(unit[i].Capture.Path));
            }
        }).ConfigureAwait(false);
        return outcomes.OrderBy(o => o.Order).Select(o => o.Outcome).ToList();
    }

    /// <summary>A pair is named by the first of its two names, so both land in one shard.</summary>
    private static string UnitName(CaptureInput c) =>
        c.Pair is { } p && string.CompareOrdinal(p.OutputName, c.OutputName) < 0 ? p.OutputName : c.OutputName;

    /// <summary>What runs as one: a capture alone, or a pair (analysed together, both outputs written).</summary>
    private static List<List<(CaptureInput Capture, int Order)>> Units(IReadOnlyList<CaptureInput> captures)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < captures.Count; i++)
            order.TryAdd(captures[i].OutputName, i);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<List<(CaptureInput, int)>>();
        for (var i = 0; i < captures.Count; i++)
        {
            var c = captures[i];
            if (!taken.Add(c.OutputName))
                continue;
            if (c.Pair is { } pair && taken.Add(pair.OutputName))
            {
                var j = order.GetValueOrDefault(pair.OutputName, captures.Count + i);
                units.Add([(c, i), (j < captures.Count ? captures[j] : pair with { Pair = c with { Pair = null } }, j)]);
            }
            else
            {
                units.Add([(c, i)]);
            }
        }
        return units;
    }

    private async Task<IReadOnlyList<CaptureOutcome>> RunPairAsync(CaptureInput a, CaptureInput b, CancellationToken cancellationToken)
    {
        var (fileA, fileB) = (new FileInfo(a.Path), new FileInfo(b.Path));
        string? shaA = null, shaB = null;
        try
        {
            if (!batch.Force && fileA.Exists && fileB.Exists &&
                _manifest.Read(a.OutputName) is { } previousA && _manifest.Read(b.OutputName) is { } previousB &&
                IsUpToDate(previousA, fileA, b.Path, out shaA) && IsUpToDate(previousB, fileB, a.Path, out shaB) &&
                previousA.PairSha256 == shaB && previousB.PairSha256 == shaA)
                return [UpToDate(a), UpToDate(b)];

            RemoveLeftovers(Path.Combine(outputRoot, a.OutputName));
            RemoveLeftovers(Path.Combine(outputRoot, b.OutputName));
            var version = await tsharkVersion.ConfigureAwait(false);
            var results = await new PairAnalyzer(analysis, version).AnalyzeAsync(a, b, outputRoot, cancellationToken).ConfigureAwait(false);
            (shaA, shaB) = (results[0].Document?.Capture.Sha256 ?? shaA, results[1].Document?.Capture.Sha256 ?? shaB);
            Record(a, fileA, shaA, results[0].Failure, b.Path, shaB);
            Record(b, fileB, shaB, results[1].Failure, a.Path, shaA);
            return [Outcome(results[0]), Outcome(results[1])];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or ProgramNotFoundException))
        {
            // Whatever broke, it broke for this pair only: record it for both and let the batch go on.
            var why = ex is TsharkRstException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            TryRecord(a, fileA, shaA, $"{a.Path}: {why}");
            TryRecord(b, fileB, shaB, $"{b.Path}: {why}");
            return [Failed(a, $"{a.Path}: {why}"), Failed(b, $"{b.Path}: {why}")];
        }
    }

    private CaptureOutcome UpToDate(CaptureInput capture) =>
        new(capture, OutcomeKind.UpToDate, Path.Combine(outputRoot, capture.OutputName), null, null);

    private CaptureOutcome Failed(CaptureInput capture, string failure) =>
        new(capture, OutcomeKind.Failed, Path.Combine(outputRoot, capture.OutputName), null, failure);

    private CaptureOutcome Outcome(CaptureResult result) => result.Succeeded
        ? new CaptureOutcome(result.Input, OutcomeKind.Analysed, Path.Combine(outputRoot, result.Input.OutputName), CaptureCounts.Of(result.Document!), null)
        : Failed(result.Input, result.Failure!);

    private async Task<CaptureOutcome> RunOneAsync(CaptureInput capture, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outputRoot, capture.OutputName);
        var file = new FileInfo(capture.Path);
        string? sha256 = null;
        try
        {
            if (!batch.Force && file.Exists && _manifest.Read(capture.OutputName) is { } previous && IsUpToDate(previous, file, null, out sha256))
                return new CaptureOutcome(capture, OutcomeKind.UpToDate, folder, null, null);

            RemoveLeftovers(folder);
            var result = await _analyzer.AnalyzeAsync(capture, outputRoot, cancellationToken).ConfigureAwait(false);
            sha256 = result.Document?.Capture.Sha256 ?? sha256;
            Record(capture, file, sha256, result.Failure);
            return result.Succeeded
                ? new CaptureOutcome(capture, OutcomeKind.Analysed, folder, CaptureCounts.Of(result.Document!), null)
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

    /// <param name="pair">the path of the capture it is paired with now, or null: a change of pair redoes it</param>
    private bool IsUpToDate(CaptureRecord previous, FileInfo file, string? pair, out string? sha256)
    {
        sha256 = previous.Sha256;
        if (previous.Status != CaptureRecord.Analysed || previous.Tool != ToolVersion || previous.Pair != pair ||
            previous.Fields != analysis.Fields.Sha256 || previous.Settings != _settings || previous.Size != file.Length)
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
            Tool = ToolVersion,
            Fields = analysis.Fields.Sha256,
            Settings = _settings,
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
