using TsharkRst.Capture;
using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>The tsharks kept running for the small captures of a run (<see cref="TsharkStream"/>): one started at
/// once, so that even a single capture finds tshark started, and more as captures come at the same time, up to
/// a size (the jobs) kept between captures. Each capture goes to a stream that reads it as a tshark of its own
/// would, or to a new one.</summary>
public sealed class TsharkPool : IAsyncDisposable
{
    /// <summary>Frames of one capture a shared tshark reads at most: its rows are held until the last one (a few MB
    /// here), and past this a tshark of its own costs little beside the dissection.</summary>
    public const long MaxCaptureFrames = 20_000;

    /// <summary>Captures below this size are the pool's (by default): from it on, a capture starts a tshark of its own
    /// beside its triage pass, which then hides tshark's start-up.</summary>
    public const long SmallCaptureBytes = 64L << 20;

    private readonly List<TsharkStream> _idle = [];
    private readonly List<Task> _closing = [];
    private readonly TsharkProgram _tshark;
    private readonly TsharkFields _fields;
    private readonly int _size;
    private int _started;
    private bool _disposed;

    // Captures still to settle (see Expect); below zero when unknown.
    private int _unsettled = -1;
    private bool _settled;

    /// <param name="early">a tshark already started for this run, taken as the first if it is of this program and fields</param>
    public TsharkPool(TsharkProgram tshark, TsharkFields fields, int size, EarlyTshark? early = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        (_tshark, _fields, _size) = (tshark, fields, size);
        if (early?.Take(tshark, fields) is { } started)
        {
            _idle.Add(started);
            _started = 1;
        }
    }

    /// <summary>How many tsharks the pool has started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>How many tsharks wait for a capture.</summary>
    internal int Idle
    {
        get
        {
            lock (_idle)
                return _idle.Count;
        }
    }

    /// <summary>Starts a tshark now, if none is waiting.</summary>
    public void Warm()
    {
        lock (_idle)
            if (!_disposed && _idle.Count == 0)
                _idle.Add(Start());
    }

    /// <summary>The run hands the pool at most <paramref name="captures"/> captures (or pairs), each of which calls
    /// <see cref="Settle"/> once it needs no tshark of the pool any more.</summary>
    public void Expect(int captures) => Volatile.Write(ref _unsettled, captures);

    /// <summary>One of the captures expected needs no tshark of the pool any more. After the last, the tsharks left
    /// are let go at once, so they exit while the last capture's reports are written rather than after.</summary>
    public void Settle()
    {
        if (Interlocked.Decrement(ref _unsettled) != 0)
            return;
        lock (_idle)
        {
            _settled = true;
            _closing.AddRange(_idle.Select(stream => stream.DisposeAsync().AsTask()));
            _idle.Clear();
        }
    }

    /// <summary>Reads the focused capture at <paramref name="path"/> (see <see cref="TsharkStream.ReadAsync"/>). Null
    /// when the caller must read it again alone: the tshark stopped while reading it (why, in Stopped), or joined one
    /// of its connections to an earlier capture's (Stopped null).</summary>
    internal async Task<(TsharkRunResult? Run, string? Stopped)> ReadAsync(string path, SectionConversations section,
        Func<long, long> originalFrame, Action<PacketRecord> onRow, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var stream = Take(section);
        var kept = false;
        try
        {
            var run = await stream.ReadAsync(path, section, originalFrame, onRow, timeout, cancellationToken).ConfigureAwait(false);
            if (run is null)
                return (null, stream.Running ? null : await stream.EndingAsync().ConfigureAwait(false));
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
            DropStopped();
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
            if (_disposed || _settled || !stream.Reusable)
                return false;
            DropStopped();
            if (_idle.Count >= _size)
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
        return TsharkStream.Start(_tshark, _fields);
    }

    /// <summary>A tshark that stopped while waiting is let go, rather than kept in the place of one that runs.</summary>
    private void DropStopped()
    {
        foreach (var stopped in _idle.Where(stream => !stream.Running).ToList())
        {
            _idle.Remove(stopped);
            _ = stopped.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<TsharkStream> idle;
        List<Task> closing;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
            // Read under the lock: a late Settle adds to it under the same lock.
            closing = [.. _closing];
        }
        foreach (var stream in idle)
            await stream.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(closing).ConfigureAwait(false);
    }
}
