namespace TsharkRst.Cli;

/// <summary>Collects the youngest generation whenever 4 MB more have been allocated (looked at every 10 ms).
/// The collector sizes its young generation by the CPU's L3 cache (about 50 MB for the build machine's
/// 105 MB) and keeps the memory it touched, so tshark's rows, garbage as soon as they are read, would lift
/// the peak by that much; GCgen0size, the setting for it, is read from the environment only, not from
/// runtimeconfig.json.</summary>
internal sealed class YoungGenerationPace : IDisposable
{
    private const long Budget = 4L << 20;
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
            GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
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
