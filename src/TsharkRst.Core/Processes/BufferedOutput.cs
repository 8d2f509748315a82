using System.IO.Pipelines;

namespace TsharkRst.Processes;

/// <summary>A child's standard output taken in as fast as it comes, in reads as big as the pipe, into a
/// buffer of up to 32 MB, and parsed from there on a thread of its own: parsing straight from the 64 KB
/// pipe stalled tshark at every collection or diagnosis.</summary>
public static class BufferedOutput
{
    private static readonly PipeOptions Options = new(
        pauseWriterThreshold: 32 << 20,
        resumeWriterThreshold: 16 << 20,
        minimumSegmentSize: ProcessRunner.ReadSize);

    /// <summary>Runs <paramref name="parse"/> (synchronous and CPU-bound) over <paramref name="stdout"/>
    /// while the child is still writing it; returns when both are done.</summary>
    public static async Task ParseAsync(Stream stdout, Action<Stream, CancellationToken> parse, CancellationToken cancellationToken)
    {
        var buffer = new Pipe(Options);
        var taking = TakeAsync(stdout, buffer.Writer, cancellationToken);
        // A thread of its own: the parser waits whenever the rows' reader is behind, and pool threads held that long
        // starve the pool (with two tsharks at once a small capture took 4 s instead of 1.3 s).
        var parsing = Task.Factory.StartNew(() =>
        {
            // Disposing completes the reader, so a parser that stops early also stops the taking.
            using var parsed = buffer.Reader.AsStream();
            parse(parsed, cancellationToken);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll(taking, parsing).ConfigureAwait(false);
    }

    private static async Task TakeAsync(Stream stdout, PipeWriter buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stdout.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            await buffer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await buffer.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }
}
