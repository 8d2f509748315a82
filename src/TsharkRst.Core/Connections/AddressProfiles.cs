using System.Net;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>What each address's own (non-RST) TCP packets looked like across the whole capture:
/// the hop counts (TTL / hop limit) and source MACs it arrived with. The yardstick for a RST whose
/// claimed sender sent nothing else in its own connection.</summary>
public sealed class AddressProfiles
{
    private readonly Dictionary<IPAddress, Profile> _profiles = [];

    private readonly Dictionary<IPAddress, Dictionary<string, long>> _allMacs = [];

    public void Add(PacketRow packet)
    {
        if (!packet.IsTcp)
            return;
        if (packet.SourceMac is { } mac)
            ObserveMac(packet.Source!, mac, packet.Frame);
        if (!packet.Has(TcpFlags.Rst))
            Observe(packet.Source!, packet.HopCount, packet.SourceMac);
    }

    /// <summary>Records that a TCP packet from <paramref name="source"/>, RSTs included, came from
    /// <paramref name="mac"/>; the first frame of each pair is kept.</summary>
    public void ObserveMac(IPAddress source, string mac, long frame)
    {
        if (!_allMacs.TryGetValue(source, out var macs))
            _allMacs[source] = macs = new Dictionary<string, long>(StringComparer.Ordinal);
        macs.TryAdd(mac, frame);
    }

    /// <summary>Addresses whose TCP packets came from more than one MAC, with each MAC's first frame.</summary>
    public IEnumerable<(IPAddress Address, IReadOnlyDictionary<string, long> Macs)> AddressesWithSeveralMacs() =>
        _allMacs.Where(entry => entry.Value.Count > 1).Select(entry => (entry.Key, (IReadOnlyDictionary<string, long>)entry.Value));

    /// <summary>Records one non-RST TCP packet from <paramref name="source"/> (also fed by passes that
    /// read every packet without tshark).</summary>
    public void Observe(IPAddress source, int? hopCount, string? mac)
    {
        if (!_profiles.TryGetValue(source, out var profile))
            _profiles[source] = profile = new Profile();
        if (hopCount is { } hops)
            profile.HopCounts.Add(hops);
        if (mac is not null)
            profile.Macs.Add(mac);
    }

    public IReadOnlySet<int> HopCounts(IPAddress address) =>
        _profiles.TryGetValue(address, out var p) ? p.HopCounts : new HashSet<int>();

    public IReadOnlySet<string> Macs(IPAddress address) =>
        _profiles.TryGetValue(address, out var p) ? p.Macs : new HashSet<string>();

    private sealed class Profile
    {
        public HashSet<int> HopCounts { get; } = [];
        public HashSet<string> Macs { get; } = [];
    }
}
