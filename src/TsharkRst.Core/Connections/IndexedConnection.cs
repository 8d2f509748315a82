using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP connection of the index (built by the triage pass, or from tshark's rows without one): its endpoints, times, counts, its history,
/// and the frame numbers of its packets, without the packets themselves. A struct kept in
/// <see cref="ConnectionIndex"/>'s blocks: a capture can hold millions of connections.</summary>
public struct IndexedConnection(Endpoint first, Endpoint second)
{
    private ConnectionSides _sides = new(first, second);
    private FrameList _frames;
    private HistoryBuilder _history;
    private ConnStateTracker _state;
    private long _clientBytes;
    private long _serverBytes;

    /// <inheritdoc cref="ConnectionSides.Client"/>
    public readonly Endpoint Client => _sides.Client;

    public readonly Endpoint Server => _sides.Server;

    public readonly bool HasReset => _sides.HasReset;

    internal readonly ConnectionSides Sides => _sides;

    public readonly FrameList Frames => _frames;

    public readonly long FirstFrame => _frames.First;

    public readonly long LastFrame => _frames.Last;

    public readonly long Packets => _frames.Count;

    /// <summary>The TCP payload bytes of both sides.</summary>
    public readonly long PayloadBytes => _clientBytes + _serverBytes;

    public long FirstNanoseconds { get; private set; }

    public long LastNanoseconds { get; private set; }

    /// <summary>Adds a packet: its sides first, as <see cref="ConnectionSides.Observe"/> tells them.</summary>
    [MethodImpl(HotPath.Compilation)]
    internal void Record(Endpoint source, Endpoint destination, long frame, long nanoseconds, TcpFlags flags, int payloadLength)
    {
        if (_sides.Observe(source, destination, flags))
        {
            // A SYN showed the sides the other way round: what was counted for one side was the other's.
            _history.Flip();
            _state.Flip();
            (_clientBytes, _serverBytes) = (_serverBytes, _clientBytes);
        }
        if (_frames.Count == 0)
            FirstNanoseconds = nanoseconds;
        LastNanoseconds = nanoseconds;
        _frames.Add(frame);
        var fromClient = source.Equals(_sides.Client);
        _history.Add(fromClient, flags, payloadLength);
        _state.Add(fromClient, flags, payloadLength);
        if (fromClient)
            _clientBytes += payloadLength;
        else
            _serverBytes += payloadLength;
    }

    /// <summary>The line connections.csv gets (without retransmission and zero-window letters, which
    /// need tshark's analysis; they play no part in the conn_state).</summary>
    public readonly ConnectionSummary Summary()
    {
        var history = _history.ToString();
        return new(
            Client,
            Server,
            FirstFrame,
            LastFrame,
            CaptureClock.Time(FirstNanoseconds),
            CaptureClock.Time(LastNanoseconds),
            Packets,
            _clientBytes,
            _serverBytes,
            HasReset,
            history,
            _state.State(history));
    }
}
