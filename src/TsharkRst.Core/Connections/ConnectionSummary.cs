namespace TsharkRst.Connections;

/// <summary>One line per TCP connection of a capture, reset or not, with its history and Zeek's conn_state: what connections.csv lists and
/// what the cross-connection patterns count. Frames are the original capture's. A struct: a capture's
/// summaries are made as they are read, a million at a time for connections.csv and the patterns.</summary>
public readonly record struct ConnectionSummary(
    Endpoint Client,
    Endpoint Server,
    long FirstFrame,
    long LastFrame,
    DateTimeOffset First,
    DateTimeOffset Last,
    long Packets,
    long ClientBytes,
    long ServerBytes,
    bool HasReset,
    string History,
    ConnState ConnState)
{
    public static ConnectionSummary Of(Connection c) => Of(c, ConnectionHistory.Of(c));

    private static ConnectionSummary Of(Connection c, string history) => new(
        c.Client,
        c.Server,
        c.Packets[0].Frame,
        c.Packets[^1].Frame,
        c.Packets[0].Time,
        c.Packets[^1].Time,
        c.Packets.Count,
        c.Packets.Where(c.IsFromClient).Sum(p => (long)p.PayloadLength),
        c.Packets.Where(p => !c.IsFromClient(p)).Sum(p => (long)p.PayloadLength),
        c.HasReset,
        history,
        ConnStateTracker.Of(c, history));
}
