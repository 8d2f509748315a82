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

    /// <summary>Both captures of a pair, and their matched connections once judged. By default the triage pass outlines
    /// every connection of both, the outlines are matched, and tshark (started at once, so its start-up overlaps the
    /// passes) reads in each capture its reset connections and those the other capture's reset connections match, while
    /// the packets both hold are read for the ends of the path and the clocks. When the pass cannot read a capture,
    /// tshark reads both whole, and the outlines are made from its rows; with --full, one after the other.</summary>
    public static async Task<(PairSide Here, PairSide There, MatchedCaptures? Matched)> ReadBothAsync(
        CaptureInput here, CaptureInput there, AnalysisSettings settings, string outputRoot, CancellationToken cancellationToken)
    {
        var (hereProblem, thereProblem) = (CaptureAnalyzer.Problem(here), CaptureAnalyzer.Problem(there));
        if (settings.FullDissection || hereProblem is not null || thereProblem is not null)
        {
            // One after the other: each tshark already keeps a core busy, and --jobs counts captures.
            var hereWhole = await WholeAsync(here, hereProblem, settings, Folder(here), cancellationToken).ConfigureAwait(false);
            var thereWhole = await WholeAsync(there, thereProblem, settings, Folder(there), cancellationToken).ConfigureAwait(false);
            return (hereWhole, thereWhole, null);
        }

        var hereFocusing = Focus.MakeAsync(here.Path, cancellationToken, outlines: true);
        var thereFocusing = Focus.MakeAsync(there.Path, cancellationToken, outlines: true);
        var matching = MatchAsync(hereFocusing, thereFocusing);
        var reading = new[]
        {
            ReadAsync(here, OutlinesAsync(hereFocusing, matching), TriagedDissection.Start(here, Folder(here), settings,
                PartneredAsync(hereFocusing, matching, m => m.There, m => m.Here), CaptureFiles.Sha256Async(here.Path, cancellationToken),
                cancellationToken), cancellationToken),
            ReadAsync(there, OutlinesAsync(thereFocusing, matching), TriagedDissection.Start(there, Folder(there), settings,
                PartneredAsync(thereFocusing, matching, m => m.Here, m => m.There), CaptureFiles.Sha256Async(there.Path, cancellationToken),
                cancellationToken), cancellationToken),
        };
        var judging = Task.Run(async () => await matching.ConfigureAwait(false) is { } matches
            ? MatchedCaptures.Of(matches, Path.GetFileName(here.Path), Path.GetFileName(there.Path))
            : null, cancellationToken);
        try
        {
            var sides = await Task.WhenAll(reading).ConfigureAwait(false);
            return (sides[0], sides[1], await judging.ConfigureAwait(false));
        }
        catch (Exception)
        {
            // Cancelled: the side that was read lets its temporary files go too.
            foreach (var side in reading.Where(r => r.IsCompletedSuccessfully))
                await side.Result.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string Folder(CaptureInput input) => Path.Combine(outputRoot, input.OutputName);
    }

    /// <summary>The matches of the two captures' outlines; null when the triage pass could not outline one of them.</summary>
    private static async Task<IReadOnlyList<OutlineMatch>?> MatchAsync(Task<Focus> here, Task<Focus> there)
    {
        var (hereOutlines, thereOutlines) = ((await here.ConfigureAwait(false)).Triage?.Outlines, (await there.ConfigureAwait(false)).Triage?.Outlines);
        return hereOutlines is null || thereOutlines is null ? null : ConnectionMatcher.Match(hereOutlines, thereOutlines);
    }

    /// <summary>What tshark reads of one capture: its reset connections and the matches (<paramref name="own"/>) of the other
    /// capture's (<paramref name="other"/>); everything when the connections could not be matched before tshark's rows.</summary>
    private static async Task<Focus> PartneredAsync(Task<Focus> focusing, Task<IReadOnlyList<OutlineMatch>?> matching,
        Func<OutlineMatch, ConnectionOutline> other, Func<OutlineMatch, ConnectionOutline> own)
    {
        var focus = await focusing.ConfigureAwait(false);
        return await matching.ConfigureAwait(false) is { } matches
            ? focus.WithPartners(matches.Where(m => other(m).HasReset).Select(m => own(m).Number).ToList())
            : focus.Everything();
    }

    /// <summary>The triage pass's outlines, when the matches were made from them; else null, to be made from tshark's rows.</summary>
    private static async Task<IReadOnlyList<ConnectionOutline>?> OutlinesAsync(Task<Focus> focusing, Task<IReadOnlyList<OutlineMatch>?> matching) =>
        await matching.ConfigureAwait(false) is null ? null : (await focusing.ConfigureAwait(false)).Triage!.Outlines;

    private static async Task<PairSide> WholeAsync(CaptureInput input, string? problem, AnalysisSettings settings, string outputFolder,
        CancellationToken cancellationToken) =>
        problem is not null
            ? new PairSide(input, problem)
            : await ReadAsync(input, Task.FromResult<IReadOnlyList<ConnectionOutline>?>(null),
                FullDissection.Start(input, outputFolder, settings, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <param name="outlining">every connection's outline, from the triage pass; null: made from the rows of every connection</param>
    private static async Task<PairSide> ReadAsync(CaptureInput input, Task<IReadOnlyList<ConnectionOutline>?> outlining, DissectedCapture dissection,
        CancellationToken cancellationToken)
    {
        try
        {
            var (profiles, connections, end) = await dissection.ReadWholeAsync(cancellationToken).ConfigureAwait(false);
            // A side that cannot be read proves nothing to the other.
            if ((await CaptureFiles.UnreadableAsync(end.Hashing).ConfigureAwait(false) ?? end.Failure) is { } failure)
            {
                await dissection.DisposeAsync().ConfigureAwait(false);
                return new PairSide(input, failure);
            }
            var outlines = await outlining.ConfigureAwait(false) ??
                connections.OrderBy(c => c.Number).Select(c => ConnectionOutline.Of(c.Number, c.Connection)).ToList();
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
