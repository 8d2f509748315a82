using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Groups tshark's TCP rows into connections (the rules are <see cref="ConnectionTable{T}"/>'s).</summary>
public sealed class ConnectionTracker
{
    private readonly ConnectionTable<Connection> _table = new((first, second) => new Connection(first, second));

    /// <summary>Every connection seen so far, in the order of their first packet.</summary>
    public IReadOnlyList<Connection> Connections => _table.Connections;

    /// <summary>Adds a TCP packet to its connection, which it returns; other packets are ignored (null).</summary>
    public Connection? Add(PacketRow packet)
    {
        if (!packet.IsTcp)
            return null;
        var source = new Endpoint(packet.Source!, packet.SourcePort!.Value);
        var destination = new Endpoint(packet.Destination!, packet.DestinationPort!.Value);
        var connection = _table.Add(source, destination, packet.Flags!.Value);
        connection.Append(packet);
        return connection;
    }

    /// <summary>Lets go of a connection that was diagnosed: its rows and its place in <see cref="Connections"/>.</summary>
    public void Retire(Connection connection)
    {
        _table.Retire(connection);
        connection.Release();
    }
}
