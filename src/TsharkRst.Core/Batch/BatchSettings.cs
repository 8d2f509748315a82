namespace TsharkRst.Batch;

/// <summary>How a batch runs: how many captures at once, whether to redo what is up to date, and
/// which share of the captures is this worker's.</summary>
public sealed record BatchSettings
{
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public bool Force { get; init; }
    public Shard Shard { get; init; } = Shard.All;
}
