using TsharkRst.Connections;
using TsharkRst.Pairing;
using TsharkRst.Processes;

namespace TsharkRst.Analysis;

/// <summary>One capture of a pair, dissected before either is concluded, as the pairing needs it: every connection's
/// outline and the connections tshark dissected; or why it could not be. Kept until both are concluded, since the
/// evidence of a focused capture is copied from its temporary file.</summary>
internal sealed class PairSide : IAsyncDisposable
{
    private readonly DissectedCapture? _dissection;
    private readonly IReadOnlyList<ConnectionOutline> _outlines = [];
    private readonly IReadOnlyDictionary<int, Connection> _dissected = new Dictionary<int, Connection>();
    private readonly DissectionEnd? _end;

    private PairSide(CaptureInput input, string failure) => (Input, Failure) = (input, failure);

    private PairSide(CaptureInput input, DissectedCapture dissection, DissectedCapture capture, IReadOnlyList<ConnectionOutline> outlines,
        IReadOnlyDictionary<int, Connection> dissected, DissectionEnd end) =>
        (Input, _dissection, Capture, _outlines, _dissected, _end) = (input, dissection, capture, outlines, dissected, end);

    public CaptureInput Input { get; }

    /// <summary>The capture read whole, for its conclusion; null when it could not be.</summary>
    public DissectedCapture? Capture { get; }

    public string? Failure { get; }

    /// <summary>Both captures of a pair and the matches of their connections. By default the triage pass outlines every
    /// connection of both, the outlines are matched, and tshark reads in each capture its reset connections and those the
    /// other capture's reset connections match. With --full, or when the pass cannot read a capture, tshark reads both
    /// whole, and the outlines are made from its rows.</summary>
    public static async Task<(PairSide Here, PairSide There, IReadOnlyList<OutlineMatch>? Matches)> ReadBothAsync(
        CaptureInput here, CaptureInput there, AnalysisSettings settings, string outputRoot, CancellationToken cancellationToken)
    {
        var (hereProblem, thereProblem) = (CaptureAnalyzer.Problem(here), CaptureAnalyzer.Problem(there));
        if (!settings.FullDissection && hereProblem is null && thereProblem is null)
        {
            var focuses = await Task.WhenAll(Focus.MakeAsync(here.Path, cancellationToken, outlines: true),
                Focus.MakeAsync(there.Path, cancellationToken, outlines: true)).ConfigureAwait(false);
            if (focuses[0].Triage?.Outlines is { } hereOutlines && focuses[1].Triage?.Outlines is { } thereOutlines)
            {
                var matches = ConnectionMatcher.Match(hereOutlines, thereOutlines);
                var hereFocus = focuses[0].WithPartners(matches.Where(m => m.There.HasReset).Select(m => m.Here.Number).ToList());
                var thereFocus = focuses[1].WithPartners(matches.Where(m => m.Here.HasReset).Select(m => m.There.Number).ToList());
                // Side by side: each tshark reads a few connections, and the hashes read the files.
                var reading = new[]
                {
                    ReadAsync(here, hereOutlines, TriagedDissection.Start(here, Folder(here), settings, hereFocus,
                        CaptureFiles.Sha256Async(here.Path, cancellationToken), cancellationToken), cancellationToken),
                    ReadAsync(there, thereOutlines, TriagedDissection.Start(there, Folder(there), settings, thereFocus,
                        CaptureFiles.Sha256Async(there.Path, cancellationToken), cancellationToken), cancellationToken),
                };
                try
                {
                    var sides = await Task.WhenAll(reading).ConfigureAwait(false);
                    return (sides[0], sides[1], matches);
                }
                catch (Exception)
                {
                    // Cancelled: the side that was read lets its temporary files go too.
                    foreach (var side in reading.Where(r => r.IsCompletedSuccessfully))
                        await side.Result.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }
        // One after the other: each tshark already keeps a core busy, and --jobs counts captures.
        var hereWhole = await WholeAsync(here, hereProblem, settings, Folder(here), cancellationToken).ConfigureAwait(false);
        var thereWhole = await WholeAsync(there, thereProblem, settings, Folder(there), cancellationToken).ConfigureAwait(false);
        return (hereWhole, thereWhole, null);

        string Folder(CaptureInput input) => Path.Combine(outputRoot, input.OutputName);
    }

    private static async Task<PairSide> WholeAsync(CaptureInput input, string? problem, AnalysisSettings settings, string outputFolder,
        CancellationToken cancellationToken) =>
        problem is not null
            ? new PairSide(input, problem)
            : await ReadAsync(input, null, FullDissection.Start(input, outputFolder, settings, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <param name="outlines">every connection's, from the triage pass; null: made from the rows of every connection</param>
    private static async Task<PairSide> ReadAsync(CaptureInput input, IReadOnlyList<ConnectionOutline>? outlines, DissectedCapture dissection,
        CancellationToken cancellationToken)
    {
        try
        {
            var (profiles, connections, end) = await dissection.ReadWholeAsync(cancellationToken).ConfigureAwait(false);
            if (end.Failure is { } failure)
            {
                await dissection.DisposeAsync().ConfigureAwait(false);
                return new PairSide(input, failure);
            }
            outlines ??= connections.OrderBy(c => c.Number).Select(c => ConnectionOutline.Of(c.Number, c.Connection)).ToList();
            return new PairSide(input, dissection, DissectedCapture.Whole(input, profiles, connections, end), outlines,
                connections.ToDictionary(c => c.Number, c => c.Connection), end);
        }
        catch (Exception ex)
        {
            await dissection.DisposeAsync().ConfigureAwait(false);
            if (CaptureAnalyzer.FailureOf(ex) is { } failure)
                return new PairSide(input, failure);
            throw;
        }
    }

    /// <summary>A quiet capture may run long after its last packet: the file's own record of when it stopped counts too.</summary>
    public VantagePoint VantagePoint()
    {
        var statistics = CaptureStatistics.Read(Input.Path, _end!.First);
        var last = statistics?.StoppedAt is { } stopped && stopped > _end.Last ? stopped : _end.Last;
        return new VantagePoint(Path.GetFileName(Input.Path), Input.Path, _outlines, _dissected, _end.First, last)
        {
            Dropped = statistics?.Dropped,
        };
    }

    public ValueTask DisposeAsync() => _dissection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
