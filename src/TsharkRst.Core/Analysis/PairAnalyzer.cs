using TsharkRst.Pairing;

namespace TsharkRst.Analysis;

/// <summary>Analyses two captures of the same traffic taken at two points of the path (--pair):
/// both are dissected, their connections matched, and each capture's findings carry what the other
/// proves. Each still gets its own reports. When one cannot be read, the other is analysed alone
/// and says so.</summary>
public sealed class PairAnalyzer(AnalysisSettings settings, string tsharkVersion)
{
    private readonly CaptureAnalyzer _analyzer = new(settings, tsharkVersion);

    /// <returns>The results of <paramref name="first"/> and <paramref name="second"/>, in that order.</returns>
    public async Task<IReadOnlyList<CaptureResult>> AnalyzeAsync(
        CaptureInput first, CaptureInput second, string outputRoot, CancellationToken cancellationToken)
    {
        // One after the other: each tshark already keeps a core busy, and --jobs counts captures.
        var (a, aFailure) = await _analyzer.DissectAsync(first, outputRoot, cancellationToken).ConfigureAwait(false);
        var (b, bFailure) = await _analyzer.DissectAsync(second, outputRoot, cancellationToken).ConfigureAwait(false);
        if (a is null || b is null)
            return [Alone(first, a, aFailure, second, bFailure), Alone(second, b, bFailure, first, aFailure)];
        var pairing = CapturePairing.Of(VantagePointOf(a), VantagePointOf(b));
        return [_analyzer.Conclude(a, pairing), _analyzer.Conclude(b, pairing.Reversed())];
    }

    private CaptureResult Alone(CaptureInput input, CaptureDissection? dissection, string? failure, CaptureInput other, string? otherFailure) =>
        dissection is null
            ? CaptureAnalyzer.Failed(input, failure ?? "it could not be analysed")
            : _analyzer.Conclude(dissection with
            {
                Errors = [.. dissection.Errors, $"The paired capture {other.Path} could not be analysed ({otherFailure}): nothing here is proven by it."],
            }, null);

    /// <summary>A quiet capture may run long after its last packet: the file's own record of when it stopped counts too.</summary>
    private static VantagePoint VantagePointOf(CaptureDissection d)
    {
        var statistics = CaptureStatistics.Read(d.Input.Path, d.Capture.First);
        var last = statistics?.StoppedAt is { } stopped && stopped > d.Capture.Last ? stopped : d.Capture.Last;
        return new VantagePoint(d.Capture.Name, d.Capture.Path, d.Rows.Tracker.Connections, d.Capture.First, last) { Dropped = statistics?.Dropped };
    }
}
