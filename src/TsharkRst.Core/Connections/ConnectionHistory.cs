using System.Text;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>A Zeek-style history string: one letter per kind of event, the first time each side
/// shows it, upper case for the client and lower case for the server. S SYN, H SYN-ACK, A pure ACK,
/// D data, F FIN, R RST, T retransmission, W zero window. "ShADadR": a request, a response, then a
/// reset from the client.</summary>
public static class ConnectionHistory
{
    public static string Of(Connection connection, int? uptoIndex = null)
    {
        var seen = new HashSet<char>();
        var history = new StringBuilder();
        var packets = connection.Packets;
        var end = Math.Min(packets.Count, (uptoIndex ?? packets.Count - 1) + 1);
        for (var i = 0; i < end; i++)
        {
            var packet = packets[i];
            var fromClient = connection.IsFromClient(packet);
            foreach (var letter in Letters(packet))
            {
                var shown = fromClient ? char.ToUpperInvariant(letter) : letter;
                if (seen.Add(shown))
                    history.Append(shown);
            }
        }
        return history.ToString();
    }

    private static IEnumerable<char> Letters(PacketRow p)
    {
        if (p.Has(TcpFlags.Syn))
            yield return p.Has(TcpFlags.Ack) ? 'h' : 's';
        else if (p.Has(TcpFlags.Ack) && p.PayloadLength == 0 && !p.Has(TcpFlags.Fin) && !p.Has(TcpFlags.Rst))
            yield return 'a';
        if (p.PayloadLength > 0)
            yield return 'd';
        if (p.Has(TcpFlags.Fin))
            yield return 'f';
        if (p.Has(TcpFlags.Rst))
            yield return 'r';
        if (p.Retransmission)
            yield return 't';
        if (p.ZeroWindow)
            yield return 'w';
    }
}
