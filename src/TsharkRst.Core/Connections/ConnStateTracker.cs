using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>What <see cref="ConnStateRule"/> needs of a connection, kept packet by packet: Zeek's state
/// machine with the client as originator, and whether each side sent payload. The triage pass may learn
/// late which side is the client (a SYN after midstream packets), so a second machine runs with the server
/// as originator and <see cref="Flip"/> swaps them: the states are then those of the whole connection read
/// with its final client, as <see cref="Of(Connection, string)"/> reads tshark's rows. Five bytes.</summary>
public struct ConnStateTracker
{
    private const byte ClientData = 1;
    private const byte ServerData = 2;

    private ZeekStateMachine _clientFirst;
    private ZeekStateMachine _serverFirst;
    private byte _data;

    [MethodImpl(HotPath.Compilation)]
    public void Add(bool fromClient, TcpFlags flags, int payloadLength)
    {
        _clientFirst.Add(fromClient, flags, payloadLength);
        _serverFirst.Add(!fromClient, flags, payloadLength);
        // As Zeek counts sizes in sequence space, a RST's payload is not data sent.
        if (payloadLength > 0 && (flags & TcpFlags.Rst) == 0)
            _data |= fromClient ? ClientData : ServerData;
    }

    /// <summary>The client turned out to be the other side.</summary>
    public void Flip()
    {
        (_clientFirst, _serverFirst) = (_serverFirst, _clientFirst);
        _data = (byte)(((_data & ClientData) << 1) | ((_data & ServerData) >> 1));
    }

    /// <summary>The connection's conn_state, given its history string (with the same client).</summary>
    public readonly ConnState State(string history) => ConnStateRule.Of(
        _clientFirst.Originator, _clientFirst.Responder, (_data & ClientData) != 0, (_data & ServerData) != 0, history);

    /// <summary>The conn_state of a connection of tshark's rows, read with its final client, given its
    /// <paramref name="history"/> (<see cref="ConnectionHistory.Of"/>).</summary>
    public static ConnState Of(Connection connection, string history)
    {
        var tracker = new ConnStateTracker();
        foreach (var p in connection.Packets)
            tracker.Add(connection.IsFromClient(p), p.Flags ?? default, p.PayloadLength);
        return tracker.State(history);
    }
}
