using System.Text;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Builds a Zeek-style history string packet by packet: one letter per kind of event, the
/// first time each side shows it, upper case for the client and lower case for the server.
/// S SYN, H SYN-ACK, A pure ACK, D data, F FIN, R RST, T retransmission, W zero window.
/// "ShADadR": a request, a response, then a reset from the client.</summary>
public sealed class HistoryBuilder
{
    private readonly HashSet<char> _seen = [];
    private readonly StringBuilder _history = new();

    public void Add(bool fromClient, TcpFlags flags, int payloadLength, bool retransmission = false, bool zeroWindow = false)
    {
        bool Has(TcpFlags flag) => (flags & flag) == flag;
        if (Has(TcpFlags.Syn))
            Append(fromClient, Has(TcpFlags.Ack) ? 'h' : 's');
        else if (Has(TcpFlags.Ack) && payloadLength == 0 && !Has(TcpFlags.Fin) && !Has(TcpFlags.Rst))
            Append(fromClient, 'a');
        if (payloadLength > 0)
            Append(fromClient, 'd');
        if (Has(TcpFlags.Fin))
            Append(fromClient, 'f');
        if (Has(TcpFlags.Rst))
            Append(fromClient, 'r');
        if (retransmission)
            Append(fromClient, 't');
        if (zeroWindow)
            Append(fromClient, 'w');
    }

    public override string ToString() => _history.ToString();

    private void Append(bool fromClient, char letter)
    {
        var shown = fromClient ? char.ToUpperInvariant(letter) : letter;
        if (_seen.Add(shown))
            _history.Append(shown);
    }
}
