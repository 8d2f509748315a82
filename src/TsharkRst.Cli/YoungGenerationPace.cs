namespace TsharkRst.Cli;

/// <summary>Collects the youngest generation whenever 4 MB more have been allocated (looked at every 10 ms).
/// The collector sizes its young generation by the CPU's L3 cache (about 50 MB for the build machine's
/// 105 MB) and keeps the memory it touched, so tshark's rows, garbage as soon as they are read, would lift
/// the peak by that much; GCgen0size, the setting for it, is read from the environment only, not from
/// runtimeconfig.json. What those collections keep (rows of connections still under way) goes to generation 1,
/// which the collector leaves until a budget of its own is spent: after the triage pass that was 30 MB of rows long
/// dead, the run's peak, so generation 1 is collected too once it holds 8 MB.</summary>
internal sealed class YoungGenerationPace : IDisposable
{
    private const long Budget = 4L << 20;
    private const long OlderBudget = 8L << 20;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(10);

    private readonly Timer _timer;
    private long _collectedAt;

    public YoungGenerationPace()
    {
        _timer = new Timer(_ => Look());
        _timer.Change(Every, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();

    private void Look()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        if (allocated - _collectedAt >= Budget)
        {
            _collectedAt = allocated;
            // Generation 1's size after the latest young collection, ours or the collector's own.
            var older = GC.GetGCMemoryInfo(GCKind.Ephemeral).GenerationInfo[1].SizeAfterBytes;
            GC.Collect(older >= OlderBudget ? 1 : 0, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
        // Armed again only now, so two looks never overlap.
        try
        {
            _timer.Change(Every, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
