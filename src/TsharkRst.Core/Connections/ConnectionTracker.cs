using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Groups TCP packets into connections by their endpoints. A connection stays one
/// connection however long it is idle; a new SYN on the same endpoints after a FIN or RST starts a
/// new one: port reuse, or a client retrying its SYN after resetting a peer's stale state.</summary>
public sealed class ConnectionTracker
{
    private readonly Dictionary<ConnectionKey, Connection> _open = [];
    private readonly List<Connection> _all = [];

    /// <summary>Every connection seen so far, in the order of their first packet.</summary>
    public IReadOnlyList<Connection> Connections => _all;

    /// <summary>Adds a TCP packet; other packets are ignored.</summary>
    public void Add(PacketRow packet)
    {
        if (!packet.IsTcp)
            return;
        var source = new Endpoint(packet.Source!, packet.SourcePort!.Value);
        var destination = new Endpoint(packet.Destination!, packet.DestinationPort!.Value);
        var key = ConnectionKey.Of(source, destination);
        if (!_open.TryGetValue(key, out var connection) || StartsNewConnection(connection, packet))
        {
            connection = new Connection(source, destination);
            _open[key] = connection;
            _all.Add(connection);
        }
        connection.Add(packet, source, destination);
    }

    private static bool StartsNewConnection(Connection current, PacketRow packet) =>
        packet.Has(TcpFlags.Syn) && !packet.Has(TcpFlags.Ack) && current.HasFinOrReset;
}
