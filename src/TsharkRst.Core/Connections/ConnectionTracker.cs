using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Groups tshark's TCP rows into connections (the rules are <see cref="ConnectionTable{T}"/>'s).</summary>
public sealed class ConnectionTracker
{
    private readonly ConnectionTable<Connection> _table = new((first, second) => new Connection(first, second));

    /// <summary>Every connection seen so far, in the order of their first packet.</summary>
    public IReadOnlyList<Connection> Connections => _table.Connections;

    /// <summary>Adds a TCP packet; other packets are ignored.</summary>
    public void Add(PacketRow packet)
    {
        if (!packet.IsTcp)
            return;
        var source = new Endpoint(packet.Source!, packet.SourcePort!.Value);
        var destination = new Endpoint(packet.Destination!, packet.DestinationPort!.Value);
        _table.Add(source, destination, packet.Flags!.Value).Append(packet);
    }
}
