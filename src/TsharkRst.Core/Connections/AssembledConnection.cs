namespace TsharkRst.Connections;

/// <summary>A connection of the index with every row tshark gave for it: its <paramref name="Number"/> in the index,
/// and its summary from those rows when it tells more than the index's (a retransmission or zero-window letter).</summary>
public sealed record AssembledConnection(int Number, Connection Connection, ConnectionSummary? Summary);
