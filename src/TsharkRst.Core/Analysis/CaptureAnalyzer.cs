using TsharkRst.Pairing;
using TsharkRst.Processes;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>Analyses one capture, or a capture and its pair: each is dissected in the way the settings and the
/// capture call for (<see cref="TriagedDissection"/>, <see cref="FullDissection"/>), and every dissected capture
/// goes through the same <see cref="Conclusion"/>. Problems with a capture become its result's failure or errors;
/// only a missing tshark or a cancellation escapes. With a <paramref name="pool"/>, small captures share its tsharks.</summary>
public sealed class CaptureAnalyzer(AnalysisSettings settings, Task<string> tsharkVersion, TsharkPool? pool = null)
{
    private readonly Conclusion _conclusion = new(settings, tsharkVersion);

    /// <summary>Started by the first capture that waits for a shared tshark.</summary>
    private readonly Lazy<Task> _rehearsal = new(() => Rehearsal.RunAsync(settings));

    public CaptureAnalyzer(AnalysisSettings settings, string tsharkVersion) : this(settings, Task.FromResult(tsharkVersion))
    {
    }

    /// <summary>The result of <paramref name="input"/>, then, when it has a pair, of its pair.</summary>
    /// <param name="settled">called once the capture needs no tshark of the pool (<see cref="TsharkPool.Settle"/>)</param>
    public async Task<IReadOnlyList<CaptureResult>> AnalyzeAsync(CaptureInput input, string outputRoot, CancellationToken cancellationToken,
        Action? settled = null)
    {
        if (input.Pair is not { } pair)
            return [await AloneAsync(input, outputRoot, settled ?? (() => { }), cancellationToken).ConfigureAwait(false)];
        // Each side of a pair runs a tshark of its own.
        settled?.Invoke();
        var (here, there, matched) = await PairSide.ReadBothAsync(input, pair, settings, outputRoot, cancellationToken).ConfigureAwait(false);
        await using (here.ConfigureAwait(false))
        await using (there.ConfigureAwait(false))
        {
            // Both reports use the same matches, so they agree.
            var pairing = here.Capture is null || there.Capture is null ? null : CapturePairing.Of(here.VantagePoint(), there.VantagePoint(), matched);
            return [await PairedAsync(here, there, pairing, outputRoot, cancellationToken).ConfigureAwait(false),
                await PairedAsync(there, here, pairing?.Reversed(), outputRoot, cancellationToken).ConfigureAwait(false)];
        }
    }

    private async Task<CaptureResult> AloneAsync(CaptureInput input, string outputRoot, Action settled, CancellationToken cancellationToken)
    {
        if (Problem(input) is { } problem)
        {
            settled();
            return CaptureResult.Failed(input, problem);
        }
        var folder = Path.Combine(outputRoot, input.OutputName);
        await using var capture = settings.FullDissection
            ? FullDissection.Start(input, folder, settings, cancellationToken)
            : TriagedDissection.Start(input, folder, settings, pool, () => _ = _rehearsal.Value, cancellationToken);
        _ = capture.End.ContinueWith(_ => settled(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await Guarded(input, () => _conclusion.ConcludeAsync(capture, folder, null, [], cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Concludes <paramref name="here"/> with what <paramref name="there"/> proves; when either could not be
    /// dissected, alone and saying so.</summary>
    private async Task<CaptureResult> PairedAsync(PairSide here, PairSide there, CapturePairing? pairing, string outputRoot,
        CancellationToken cancellationToken)
    {
        if (here.Capture is not { } capture)
            return CaptureResult.Failed(here.Input, here.Failure ?? "it could not be analysed");
        IReadOnlyList<string> notes = pairing?.Problems() ??
            [$"The paired capture {there.Input.Path} could not be analysed ({there.Failure}): nothing here is proven by it."];
        var folder = Path.Combine(outputRoot, here.Input.OutputName);
        return await Guarded(here.Input, () => _conclusion.ConcludeAsync(capture, folder, pairing, notes, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>What keeps a capture from being analysed before it is read: the reason, or null.</summary>
    internal static string? Problem(CaptureInput input)
    {
        if (!File.Exists(input.Path))
            return Directory.Exists(input.Path) ? "it is a folder, not a capture file" : "no such file";
        if (new FileInfo(input.Path).Length == 0)
            return "the file is empty";
        // tshark also reads text formats; only what the triage pass and the fixtures cover is taken.
        return CaptureDiscovery.LooksLikeCapture(input.Path)
            ? null
            : "it is not a capture file tshark can read (pcap, pcapng, or one of their gzip-compressed forms).";
    }

    private static async Task<CaptureResult> Guarded(CaptureInput input, Func<Task<CaptureResult>> conclude)
    {
        try
        {
            return await conclude().ConfigureAwait(false);
        }
        catch (Exception ex) when (FailureOf(ex) is { } failure)
        {
            return CaptureResult.Failed(input, failure);
        }
    }

    /// <summary>Why a capture could not be analysed, for the failures that end one capture (or one side of a pair) and
    /// not the run; null for the others (a missing tshark, a cancellation).</summary>
    internal static string? FailureOf(Exception ex) => ex switch
    {
        ProcessTimeoutException => ex.Message,
        IOException => $"it could not be analysed ({ex.Message})",
        _ => null,
    };
}
