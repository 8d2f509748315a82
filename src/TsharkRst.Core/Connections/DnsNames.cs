using System.Net;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Names that DNS answers in the capture resolved to each address, with the answering frame.</summary>
public sealed class DnsNames
{
    private readonly Dictionary<IPAddress, List<(string Name, long Frame)>> _names = [];

    public void Add(PacketRow packet)
    {
        if (!packet.DnsResponse || packet.DnsQueryNames.Count == 0)
            return;
        var name = packet.DnsQueryNames[0];
        foreach (var address in packet.DnsA.Concat(packet.DnsAaaa))
        {
            if (!_names.TryGetValue(address, out var list))
                _names[address] = list = [];
            if (!Holds(list, name))
                list.Add((name, packet.Frame));
        }
    }

    // A loop, not a lambda: a lambda's captured name was allocated for every row, DNS or not.
    private static bool Holds(List<(string Name, long Frame)> list, string name)
    {
        foreach (var entry in list)
            if (entry.Name == name)
                return true;
        return false;
    }

    /// <summary>The names resolved to <paramref name="address"/> before <paramref name="beforeFrame"/>.</summary>
    public IReadOnlyList<(string Name, long Frame)> For(IPAddress address, long beforeFrame) =>
        _names.TryGetValue(address, out var list) ? list.Where(e => e.Frame < beforeFrame).ToList() : [];
}
