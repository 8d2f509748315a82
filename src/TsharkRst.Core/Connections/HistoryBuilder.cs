using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Builds a Zeek-style history string packet by packet: one letter per kind of event, the
/// first time each side shows it, upper case for the client and lower case for the server.
/// S SYN, H SYN-ACK, A pure ACK, D data, F FIN, R RST, T retransmission, W zero window.
/// "ShADadR": a request, a response, then a reset from the client.</summary>
// Packed to its 10 bytes: laid out on 8, it padded each connection of the triage index by 6 (4 MB per 625,000).
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public struct HistoryBuilder
{
    private const string Letters = "shadfrtwSHADFRTW";

    // A few bytes per connection, kept inline (a struct), since the triage pass keeps one for every connection of a capture:
    // which of the 16 letters were shown, and their order (4 bits each; 16 letters fill 64 bits).
    private ulong _order;
    private ushort _seen;

    // Each letter is given once, so the letters given are those seen.
    private readonly int Count => BitOperations.PopCount(_seen);

    [MethodImpl(HotPath.Compilation)]
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

    /// <summary>Swaps the sides of every letter given so far: the client turned out to be the other side.</summary>
    public void Flip()
    {
        // Client letters are the server's with bit 3 set, in the codes and in the seen set's upper byte.
        _order ^= 0x8888_8888_8888_8888UL & (Count == 16 ? ulong.MaxValue : (1UL << (4 * Count)) - 1);
        _seen = (ushort)((_seen >> 8) | (_seen << 8));
    }

    // Most connections of a capture share a few histories ("Sr", "ShADadFf"): each string is made once and
    // kept in a small table that any thread may overwrite (its entries never change), not once per connection.
    private static readonly Made?[] Strings = new Made?[1024];

    private sealed record Made(ulong Order, int Count, string Text);

    public readonly override string ToString()
    {
        var count = Count;
        var slot = (int)(((_order ^ (ulong)count) * 0x9E3779B97F4A7C15UL) >> 54);
        if (Strings[slot] is { } made && made.Order == _order && made.Count == count)
            return made.Text;
        var text = string.Create(count, _order, static (chars, order) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = Letters[(int)((order >> (4 * i)) & 0xF)];
        });
        Strings[slot] = new Made(_order, count, text);
        return text;
    }

    [MethodImpl(HotPath.Compilation)]
    private void Append(bool fromClient, char letter)
    {
        var code = Letters.IndexOf(letter) + (fromClient ? 8 : 0);
        if ((_seen & (1 << code)) != 0)
            return;
        _order |= (ulong)code << (4 * Count);
        _seen |= (ushort)(1 << code);
    }
}
