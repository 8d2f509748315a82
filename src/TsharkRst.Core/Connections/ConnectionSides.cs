using System.Net;
using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>What the grouping rules know of a connection as its packets arrive: which side is the
/// client, and whether a FIN or RST was seen. A struct, so the triage pass keeps it inline for each of a
/// capture's connections, whether the index is built by the triage pass or from tshark's rows.</summary>
public struct ConnectionSides
{
    [Flags]
    private enum State : byte
    {
        Started = 1,
        SynSeen = 2,
        FromHandshake = 4,
        Reset = 8,
        FinOrReset = 16,
    }

    // Addresses and ports apart rather than two endpoints: 24 bytes instead of 40, for each of a capture's connections.
    private IPAddress _client;
    private IPAddress _server;
    private ushort _clientPort;
    private ushort _serverPort;
    private State _state;

    public ConnectionSides(Endpoint first, Endpoint second)
    {
        (_client, _clientPort) = (first.Address, (ushort)first.Port);
        (_server, _serverPort) = (second.Address, (ushort)second.Port);
    }

    /// <summary>The side that sent the first SYN (or, with no SYN captured, the ephemeral port's side).</summary>
    public Endpoint Client
    {
        readonly get => new(_client, _clientPort);
        private set => (_client, _clientPort) = (value.Address, (ushort)value.Port);
    }

    public Endpoint Server
    {
        readonly get => new(_server, _serverPort);
        private set => (_server, _serverPort) = (value.Address, (ushort)value.Port);
    }

    /// <summary>True when the sides were told from a SYN or SYN-ACK rather than guessed from ports.</summary>
    public readonly bool FromHandshake => (_state & State.FromHandshake) != 0;

    public readonly bool HasReset => (_state & State.Reset) != 0;

    /// <summary>True when a packet with <paramref name="flags"/> on these endpoints starts another connection:
    /// a new SYN after a FIN or RST (port reuse, or a client retrying its SYN after resetting a peer's stale state).</summary>
    [MethodImpl(HotPath.Compilation)]
    public readonly bool StartsNewConnection(TcpFlags flags) =>
        (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn && (_state & State.FinOrReset) != 0;

    /// <summary>Updates the sides and the flags seen with one packet; true when the client changed sides.</summary>
    [MethodImpl(HotPath.Compilation)]
    public bool Observe(Endpoint source, Endpoint destination, TcpFlags flags)
    {
        var swapped = false;
        if ((_state & State.Started) == 0)
            (Client, Server) = ServerPorts.LooksLikeClient(source, destination) ? (source, destination) : (destination, source);
        _state |= State.Started;
        if ((_state & State.SynSeen) == 0 && (flags & TcpFlags.Syn) != 0)
        {
            // A SYN's sender is the client; so is a SYN-ACK's receiver, until the SYN itself shows up.
            var synAck = (flags & TcpFlags.Ack) != 0;
            var client = synAck ? destination : source;
            swapped = client != Client;
            (Client, Server) = synAck ? (destination, source) : (source, destination);
            _state |= synAck ? State.FromHandshake : State.FromHandshake | State.SynSeen;
        }
        if ((flags & TcpFlags.Rst) != 0)
            _state |= State.Reset | State.FinOrReset;
        else if ((flags & TcpFlags.Fin) != 0)
            _state |= State.FinOrReset;
        return swapped;
    }
}
