using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Matches a connection against <see cref="TamperingSignature.Known"/>, as the paper does from the
/// server's side: only the client's packets count (the inbound side), and only its first 10, within which
/// the connection must end. The client's packets before its first RST give the stage (exactly its SYN;
/// its SYN and the handshake's ACK; those and one packet with PSH set; or those and more data), and that RST
/// and every client packet after it, all RSTs, give the rest of the name: <c>RST+ACK</c> with the ACK flag,
/// <c>RST0</c> without it and with an acknowledgement number of 0, <c>RST</c> without it and with another.
/// A pure function of the rows; it never reads or changes origin or verdict.</summary>
public static class TamperingRule
{
    /// <summary>How many of the client's packets the signatures look at.</summary>
    public const int InboundPackets = 10;

    public static TamperingSignature? Of(Connection connection) =>
        Of(connection.Packets.Where(connection.IsFromClient).ToList());

    /// <summary>The signature of a connection whose client sent <paramref name="inbound"/>, in order; null when none fits.</summary>
    public static TamperingSignature? Of(IReadOnlyList<PacketRow> inbound)
    {
        var firstRst = -1;
        for (var i = 0; i < inbound.Count && i < InboundPackets; i++)
        {
            if (inbound[i].Has(TcpFlags.Rst))
            {
                firstRst = i;
                break;
            }
        }
        // The client must stop at its RST: a packet after it that is not a RST means the connection went on.
        if (firstRst < 0 || inbound.Skip(firstRst).Any(p => !p.Has(TcpFlags.Rst)))
            return null;
        if (Before(inbound.Take(firstRst).ToList()) is not { } before)
            return null;
        var after = inbound.Skip(firstRst).Take(InboundPackets - firstRst).Select(Reset);
        var name = $"{before} -> {string.Join(";", after)}";
        return TamperingSignature.Known.TryGetValue(name, out var stage) ? new TamperingSignature(name, stage) : null;
    }

    /// <summary>The client's packets before its first RST, named by stage; null when they are not one of them.</summary>
    private static string? Before(IReadOnlyList<PacketRow> packets)
    {
        if (packets.Count == 0 || !IsSyn(packets[0]))
            return null;
        if (packets.Count == 1)
            return "SYN";
        if (!IsPureAck(packets[1]))
            return null;
        if (packets.Count == 2)
            return "SYN;ACK";
        if (!packets[2].Has(TcpFlags.Psh) || packets[2].PayloadLength == 0 || packets.Skip(2).Any(HasControlFlag))
            return null;
        if (packets.Count == 3)
            return "PSH+ACK";
        // "Later in flow": more data from the client after its first PSH packet (ACKs may come between).
        return packets.Skip(3).Any(p => p.PayloadLength > 0) ? "PSH+ACK;DATA" : null;
    }

    private static string Reset(PacketRow rst) =>
        rst.Has(TcpFlags.Ack) ? "RST+ACK" : rst.Ack == 0 ? "RST0" : "RST";

    private static bool IsSyn(PacketRow p) => p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Ack) && !HasCloseFlag(p);

    private static bool IsPureAck(PacketRow p) => p.Has(TcpFlags.Ack) && !HasControlFlag(p) && p.PayloadLength == 0;

    private static bool HasControlFlag(PacketRow p) => p.Has(TcpFlags.Syn) || HasCloseFlag(p);

    private static bool HasCloseFlag(PacketRow p) => p.Has(TcpFlags.Fin) || p.Has(TcpFlags.Rst);
}
