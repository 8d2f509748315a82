using TsharkRst.Analysis;

namespace TsharkRst.Batch;

/// <summary>What a batch reports while it runs (progress display, log lines). Called from worker
/// threads: implementations synchronise themselves.</summary>
public interface IBatchObserver
{
    void Started(CaptureInput capture, long bytes);

    void Finished(CaptureOutcome outcome, long bytes);
}
