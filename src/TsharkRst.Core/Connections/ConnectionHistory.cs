namespace TsharkRst.Connections;

/// <summary>The history string (<see cref="HistoryBuilder"/>) of a connection's packets.</summary>
public static class ConnectionHistory
{
    public static string Of(Connection connection, int? uptoIndex = null)
    {
        var history = new HistoryBuilder();
        var packets = connection.Packets;
        var end = Math.Min(packets.Count, (uptoIndex ?? packets.Count - 1) + 1);
        for (var i = 0; i < end; i++)
        {
            var p = packets[i];
            history.Add(connection.IsFromClient(p), p.Flags ?? default, p.PayloadLength, p.Retransmission, p.ZeroWindow);
        }
        return history.ToString();
    }
}
