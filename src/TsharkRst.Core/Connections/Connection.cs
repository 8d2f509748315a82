using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP connection of a <see cref="ConnectionIndex"/> with tshark's rows of its packets, in capture
/// order: the index says which side is which, the rows say what was in the packets.</summary>
public sealed class Connection
{
    internal Connection(in IndexedConnection indexed, IReadOnlyList<PacketRow> packets)
    {
        (Client, Server) = (indexed.Client, indexed.Server);
        SidesFromHandshake = indexed.Sides.FromHandshake;
        HasReset = indexed.HasReset;
        Packets = packets;
    }

    /// <inheritdoc cref="ConnectionSides.Client"/>
    public Endpoint Client { get; }

    public Endpoint Server { get; }

    /// <inheritdoc cref="ConnectionSides.FromHandshake"/>
    public bool SidesFromHandshake { get; }

    public bool HasReset { get; }

    public IReadOnlyList<PacketRow> Packets { get; }

    public bool IsFromClient(PacketRow packet) =>
        packet.SourcePort == Client.Port && Equals(packet.Source, Client.Address);
}
