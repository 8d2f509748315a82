using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Matches a connection against <see cref="TamperingSignature.Known"/>, as the paper (its Table 1)
/// does from the server's side: only the packets the server receives count (the client's), and only the
/// first 10, within which the connection must end. The client's packets before its first RST give the stage
/// (exactly its SYN; its SYN and the handshake's ACK; those and one packet with PSH set; or those and more
/// data), and the RSTs that end it the rest: how many RSTs and RST+ACKs, and, for several RSTs after the
/// request, whether their acknowledgement numbers are equal, different, or one of them zero (RST₀). A pure
/// function of the rows; it never reads or changes origin or verdict.</summary>
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
        var resets = inbound.Skip(firstRst).Take(InboundPackets - firstRst).ToList();
        if (Ending(before, resets) is not { } ending)
            return null;
        var name = $"{before} -> {ending}";
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

    /// <summary>How the RSTs that ended it read in the stage's terms; null where the table has no such row.</summary>
    private static string? Ending(string before, List<PacketRow> resets)
    {
        var plain = resets.Where(p => !p.Has(TcpFlags.Ack)).ToList();
        var acked = resets.Count - plain.Count;
        return before switch
        {
            "SYN" or "PSH+ACK;DATA" when plain.Count > 0 && acked > 0 => before == "SYN" ? "RST;RST+ACK" : null,
            "SYN" or "PSH+ACK;DATA" => plain.Count > 0 ? "RST" : "RST+ACK",
            "SYN;ACK" when plain.Count > 0 && acked > 0 => null,
            "SYN;ACK" => plain.Count switch { 1 => "RST", > 1 => "RST;RST", _ => acked == 1 ? "RST+ACK" : "RST+ACK;RST+ACK" },
            _ when plain.Count > 0 && acked > 0 => "RST;RST+ACK",
            _ when plain.Count == 0 => acked == 1 ? "RST+ACK" : "RST+ACK;RST+ACK",
            _ when plain.Count == 1 => "RST",
            _ when plain.Any(p => p.Ack is null or 0) && plain.Any(p => p.Ack is not (null or 0)) => "RST;RST0",
            _ => plain.Select(p => p.Ack).Distinct().Count() == 1 ? "RST=RST" : "RST!=RST",
        };
    }

    private static bool IsSyn(PacketRow p) => p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Ack) && !HasCloseFlag(p);

    private static bool IsPureAck(PacketRow p) => p.Has(TcpFlags.Ack) && !HasControlFlag(p) && p.PayloadLength == 0;

    private static bool HasControlFlag(PacketRow p) => p.Has(TcpFlags.Syn) || HasCloseFlag(p);

    private static bool HasCloseFlag(PacketRow p) => p.Has(TcpFlags.Fin) || p.Has(TcpFlags.Rst);
}
