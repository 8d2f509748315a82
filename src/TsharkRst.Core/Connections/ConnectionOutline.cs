namespace TsharkRst.Connections;

/// <summary>A connection of a <see cref="ConnectionIndex"/> (by its <see cref="Number"/>) with the numbers of every
/// packet, and nothing tshark reads inside them: what matching two captures of the same traffic needs of each. Two
/// outlines are the same connection only when they are the same object.</summary>
public sealed class ConnectionOutline(int number, Endpoint client, Endpoint server, bool hasReset, IReadOnlyList<Segment> segments)
{
    public int Number { get; } = number;

    public Endpoint Client { get; } = client;

    public Endpoint Server { get; } = server;

    public bool HasReset { get; } = hasReset;

    public IReadOnlyList<Segment> Segments { get; } = segments;

    public static ConnectionOutline Of(int number, Connection connection) =>
        new(number, connection.Client, connection.Server, connection.HasReset,
            connection.Packets.Select(p => Segment.Of(p, connection.IsFromClient(p))).ToArray());
}
