using TsharkRst.Pairing;
using TsharkRst.Processes;

namespace TsharkRst.Analysis;

/// <summary>One capture of a pair, dissected whole before either is concluded (pairing matches every connection,
/// not only the reset ones); or why it could not be.</summary>
internal sealed record PairSide(CaptureInput Input, DissectedCapture? Capture, string? Failure)
{
    private IReadOnlyList<DissectedConnection> _connections = [];
    private DissectionEnd? _end;

    public static async Task<PairSide> ReadAsync(CaptureInput input, string? problem, AnalysisSettings settings, string outputRoot,
        CancellationToken cancellationToken)
    {
        if (problem is not null)
            return new PairSide(input, null, problem);
        await using var capture = FullDissection.Start(input, Path.Combine(outputRoot, input.OutputName), settings, cancellationToken);
        try
        {
            var (profiles, connections, end) = await capture.ReadWholeAsync(cancellationToken).ConfigureAwait(false);
            return end.Failure is { } failure
                ? new PairSide(input, null, failure)
                : new PairSide(input, DissectedCapture.Whole(input, profiles, connections, end), null) { _connections = connections, _end = end };
        }
        catch (Exception ex) when (CaptureAnalyzer.FailureOf(ex) is { } failure)
        {
            return new PairSide(input, null, failure);
        }
    }

    /// <summary>A quiet capture may run long after its last packet: the file's own record of when it stopped counts too.</summary>
    public VantagePoint VantagePoint()
    {
        var statistics = CaptureStatistics.Read(Input.Path, _end!.First);
        var last = statistics?.StoppedAt is { } stopped && stopped > _end.Last ? stopped : _end.Last;
        return new VantagePoint(Path.GetFileName(Input.Path), Input.Path, _connections.Select(c => c.Connection).ToList(), _end.First, last)
        {
            Dropped = statistics?.Dropped,
        };
    }
}
