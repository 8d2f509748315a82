using System.Runtime.CompilerServices;
using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Capture;

/// <summary>One TCP connection as the triage pass indexes it: its endpoints, times, counts, the flags
/// seen, its history, and the frame numbers of its packets, without the packets themselves.</summary>
public sealed class IndexedConnection : TrackedConnection
{
    private readonly Endpoint _firstSource;
    // The sides can still change (a SYN seen after mid-stream packets), so the history and byte
    // counts are kept both ways round until the end.
    private HistoryBuilder _historyIfFirstSourceIsClient;
    private HistoryBuilder _historyIfFirstSourceIsServer;
    private long _firstSourceBytes;
    private long _otherBytes;

    internal IndexedConnection(Endpoint first, Endpoint second) : base(first, second) => _firstSource = first;

    public FrameList Frames { get; } = new();

    public long FirstFrame { get; private set; }

    public long LastFrame { get; private set; }

    public long FirstNanoseconds { get; private set; }

    public long LastNanoseconds { get; private set; }

    public long Packets => Frames.Count;

    /// <summary>Every TCP flag any of its packets carried.</summary>
    public TcpFlags FlagsSeen { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Record(long frame, long nanoseconds, Endpoint source, TcpFlags flags, int payloadLength)
    {
        if (Frames.Count == 0)
            (FirstFrame, FirstNanoseconds) = (frame, nanoseconds);
        (LastFrame, LastNanoseconds) = (frame, nanoseconds);
        Frames.Add(frame);
        FlagsSeen |= flags;
        var fromFirstSource = source == _firstSource;
        _historyIfFirstSourceIsClient.Add(fromFirstSource, flags, payloadLength);
        _historyIfFirstSourceIsServer.Add(!fromFirstSource, flags, payloadLength);
        if (fromFirstSource)
            _firstSourceBytes += payloadLength;
        else
            _otherBytes += payloadLength;
    }

    /// <summary>The line connections.csv gets (without retransmission and zero-window letters, which
    /// need tshark's analysis).</summary>
    public ConnectionSummary Summary()
    {
        var firstSourceIsClient = Client == _firstSource;
        return new ConnectionSummary(
            Client,
            Server,
            FirstFrame,
            LastFrame,
            CaptureClock.Time(FirstNanoseconds),
            CaptureClock.Time(LastNanoseconds),
            Packets,
            firstSourceIsClient ? _firstSourceBytes : _otherBytes,
            firstSourceIsClient ? _otherBytes : _firstSourceBytes,
            HasReset,
            (firstSourceIsClient ? _historyIfFirstSourceIsClient : _historyIfFirstSourceIsServer).ToString());
    }
}
