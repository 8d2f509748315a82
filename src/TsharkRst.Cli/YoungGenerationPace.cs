namespace TsharkRst.Cli;

/// <summary>Collects the youngest generation whenever 4 MB more have been allocated (looked at every 5 ms).
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
    // Rows come in bursts (up to 900 MB/s): at 10 ms, 8 MB often passed between looks and million-rsts peaked 2 MB higher.
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(5);

    private volatile bool _stopped;

    // A thread, not a timer: a timer's callback queued behind the run's work and looked every 15 ms on average, up to 150 apart.
    public YoungGenerationPace() => new Thread(Pace) { IsBackground = true, Name = "young generation pace" }.Start();

    public void Dispose() => _stopped = true;

    private void Pace()
    {
        var collectedAt = 0L;
        while (!_stopped)
        {
            Thread.Sleep(Every);
            var allocated = GC.GetTotalAllocatedBytes();
            if (allocated - collectedAt < Budget)
                continue;
            collectedAt = allocated;
            // Generation 1's size after the latest young collection, ours or the collector's own.
            var older = GC.GetGCMemoryInfo(GCKind.Ephemeral).GenerationInfo[1].SizeAfterBytes;
            GC.Collect(older >= OlderBudget ? 1 : 0, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
