using TsharkRst.Capture;
using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>The tsharks kept running for the small captures of a run (<see cref="TsharkStream"/>): one started at
/// once, so that even a single capture finds tshark started, and more as captures come at the same time, up to
/// <paramref name="size"/> kept between captures. Each capture goes to a stream that reads it as a tshark of its own
/// would, or to a new one.</summary>
public sealed class TsharkPool(TsharkProgram tshark, TsharkFields fields, int size) : IAsyncDisposable
{
    /// <summary>Frames of one capture a shared tshark reads at most: its rows are held until the last one (a few MB
    /// here), and past this a tshark of its own costs little beside the dissection.</summary>
    public const long MaxCaptureFrames = 20_000;

    private readonly List<TsharkStream> _idle = [];
    private int _started;
    private bool _disposed;

    /// <summary>How many tsharks the pool has started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Starts a tshark now, if none is waiting.</summary>
    public void Warm()
    {
        lock (_idle)
            if (!_disposed && _idle.Count == 0)
                _idle.Add(Start());
    }

    /// <summary>Reads the focused capture at <paramref name="path"/> (see <see cref="TsharkStream.ReadAsync"/>). Null
    /// when the tshark stopped while reading it, with why in <paramref name="stopped"/>: the caller reads it again alone.</summary>
    internal async Task<(TsharkRunResult? Run, string? Stopped)> ReadAsync(string path, SectionConversations section,
        Func<long, long> originalFrame, Action<PacketRecord> onRow, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var stream = Take(section);
        var kept = false;
        try
        {
            var run = await stream.ReadAsync(path, section, originalFrame, onRow, timeout, cancellationToken).ConfigureAwait(false);
            if (run is null)
                return (null, await stream.EndingAsync().ConfigureAwait(false));
            kept = Return(stream);
            return (run, null);
        }
        finally
        {
            if (!kept)
                await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TsharkStream Take(SectionConversations section)
    {
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var index = _idle.FindIndex(stream => stream.Takes(section));
            if (index < 0)
                return Start();
            var taken = _idle[index];
            _idle.RemoveAt(index);
            return taken;
        }
    }

    /// <summary>Keeps <paramref name="stream"/> for the next capture when it can take one and the pool has room.</summary>
    private bool Return(TsharkStream stream)
    {
        lock (_idle)
        {
            if (_disposed || !stream.Reusable)
                return false;
            if (_idle.Count >= size)
            {
                // The stream that has read least is likelier to take the next capture.
                var most = _idle.MaxBy(s => s.Frames)!;
                if (most.Frames <= stream.Frames)
                    return false;
                _idle.Remove(most);
                _ = most.DisposeAsync().AsTask();
            }
            _idle.Add(stream);
            return true;
        }
    }

    private TsharkStream Start()
    {
        Interlocked.Increment(ref _started);
        return TsharkStream.Start(tshark, fields);
    }

    public async ValueTask DisposeAsync()
    {
        List<TsharkStream> idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var stream in idle)
            await stream.DisposeAsync().ConfigureAwait(false);
    }
}
