using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP connection: its packets in capture order, and which side is which.</summary>
public sealed class Connection
{
    private readonly List<PacketRow> _packets = [];
    private bool _synSeen;

    internal Connection(Endpoint first, Endpoint second) => (Client, Server) = (first, second);

    /// <summary>The side that sent the first SYN (or, with no SYN captured, the ephemeral port's side).</summary>
    public Endpoint Client { get; private set; }

    public Endpoint Server { get; private set; }

    /// <summary>True when the sides were told from a SYN or SYN-ACK rather than guessed from ports.</summary>
    public bool SidesFromHandshake { get; private set; }

    public IReadOnlyList<PacketRow> Packets => _packets;

    public bool HasReset { get; private set; }

    internal bool HasFinOrReset { get; private set; }


    public bool IsFromClient(PacketRow packet) =>
        packet.SourcePort == Client.Port && Equals(packet.Source, Client.Address);

    internal void Add(PacketRow packet, Endpoint source, Endpoint destination)
    {
        if (_packets.Count == 0)
            (Client, Server) = ServerPorts.LooksLikeClient(source, destination) ? (source, destination) : (destination, source);
        if (!_synSeen && packet.Has(TcpFlags.Syn))
        {
            // A SYN's sender is the client; so is a SYN-ACK's receiver, until the SYN itself shows up.
            var synAck = packet.Has(TcpFlags.Ack);
            (Client, Server) = synAck ? (destination, source) : (source, destination);
            SidesFromHandshake = true;
            _synSeen = !synAck;
        }
        _packets.Add(packet);
        HasReset |= packet.Has(TcpFlags.Rst);
        HasFinOrReset |= packet.Has(TcpFlags.Rst) || packet.Has(TcpFlags.Fin);
    }
}
