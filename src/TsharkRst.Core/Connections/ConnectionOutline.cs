namespace TsharkRst.Connections;

/// <summary>A connection of a <see cref="ConnectionIndex"/> (by its <see cref="Number"/>) with the numbers of every
/// packet, and nothing tshark reads inside them: what matching two captures of the same traffic needs of each.</summary>
public sealed record ConnectionOutline(int Number, Endpoint Client, Endpoint Server, bool HasReset, IReadOnlyList<Segment> Segments)
{
    public static ConnectionOutline Of(int number, Connection connection) =>
        new(number, connection.Client, connection.Server, connection.HasReset,
            connection.Packets.Select(p => Segment.Of(p, connection.IsFromClient(p))).ToArray());
}
