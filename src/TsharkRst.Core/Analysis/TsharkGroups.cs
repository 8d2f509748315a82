using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>The tsharks of a focused reading split into groups, side by side: the first (started alongside the triage
/// pass), and one more per further group, their rows merged back by frame into the reading's rows on a thread of
/// its own, so everything after the merge sees the rows of one tshark.</summary>
internal static class TsharkGroups
{
    /// <param name="first">The first tshark's run, already started.</param>
    /// <param name="start">Starts tshark number n of the reading.</param>
    /// <returns>Each tshark's run, in the order of the groups.</returns>
    public static async Task<IReadOnlyList<TsharkRunResult>> RunAsync(FocusedReading reading, Task<TsharkRunResult> first,
        Func<int, Task<TsharkRunResult>> start, CancellationToken cancellationToken)
    {
        if (reading.Merge is not { } merge)
            return [await first.ConfigureAwait(false)];
        using var disposing = merge;
        List<Task<TsharkRunResult>> runs = [first];
        for (var tshark = 1; tshark < reading.Tsharks; tshark++)
            runs.Add(start(tshark));
        // A lane is complete once its tshark is done, whichever way it ended.
        var lanes = runs.Select((run, lane) => run.ContinueWith(_ => merge.Complete(lane), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)).ToArray();
        // Not cancelled before it starts: a merge that never ran would leave the tsharks' readers waiting on full lanes.
        var merging = Task.Factory.StartNew(() => merge.Run(reading.Rows.Add, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var all = Task.WhenAll(runs);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Thrown below, after the merge's own failure, which is the cause when it stopped the tsharks.
        }
        await Task.WhenAll(lanes).ConfigureAwait(false);
        await merging.ConfigureAwait(false);
        await all.ConfigureAwait(false);
        return [.. runs.Select(run => run.Result)];
    }
}
