using System.Globalization;
using System.Net.Sockets;
using TsharkRst.Connections;

namespace TsharkRst.Findings;

/// <summary>A display filter that shows exactly one connection in the original capture: both
/// directions of its endpoints, within its frame range (so a reused port's other connections stay out).</summary>
public static class WiresharkFilter
{
    public static string For(Connection connection)
    {
        var ip = connection.Client.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6" : "ip";
        string Direction(Endpoint from, Endpoint to) =>
            $"{ip}.src=={from.Address} && tcp.srcport=={Number(from.Port)} && {ip}.dst=={to.Address} && tcp.dstport=={Number(to.Port)}";
        var first = connection.Packets[0].Frame;
        var last = connection.Packets[^1].Frame;
        return $"(({Direction(connection.Client, connection.Server)}) || ({Direction(connection.Server, connection.Client)}))" +
               $" && frame.number>={Number(first)} && frame.number<={Number(last)}";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
