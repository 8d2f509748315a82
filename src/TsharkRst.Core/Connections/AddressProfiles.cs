using System.Net;
using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>What each address's own (non-RST) TCP packets looked like across the whole capture:
/// the hop counts (TTL / hop limit) and source MACs it arrived with. The yardstick for a RST whose
/// claimed sender sent nothing else in its own connection.</summary>
public sealed class AddressProfiles
{
    private readonly Dictionary<IPAddress, Profile> _profiles = [];

    private readonly Dictionary<IPAddress, MacsSeen> _allMacs = [];

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
    [MethodImpl(HotPath.Compilation)]
    public void ObserveMac(IPAddress source, string mac, long frame)
    {
        if (!_allMacs.TryGetValue(source, out var macs))
            _allMacs[source] = macs = new MacsSeen();
        // Nearly every packet repeats its address's last MAC: that costs no string hashing.
        if (!string.Equals(macs.Last, mac, StringComparison.Ordinal))
        {
            macs.First.TryAdd(mac, frame);
            macs.Last = mac;
        }
    }

    /// <summary>Addresses whose TCP packets came from more than one MAC, with each MAC's first frame.</summary>
    public IEnumerable<(IPAddress Address, IReadOnlyDictionary<string, long> Macs)> AddressesWithSeveralMacs() =>
        _allMacs.Where(entry => entry.Value.First.Count > 1).Select(entry => (entry.Key, (IReadOnlyDictionary<string, long>)entry.Value.First));

    /// <summary>Records one non-RST TCP packet from <paramref name="source"/> (also fed by passes that
    /// read every packet without tshark).</summary>
    [MethodImpl(HotPath.Compilation)]
    public void Observe(IPAddress source, int? hopCount, string? mac)
    {
        if (!_profiles.TryGetValue(source, out var profile))
            _profiles[source] = profile = new Profile();
        if (hopCount is { } hops && hops != profile.LastHopCount)
        {
            profile.HopCounts.Add(hops);
            profile.LastHopCount = hops;
        }
        if (mac is not null && !string.Equals(mac, profile.LastMac, StringComparison.Ordinal))
        {
            profile.Macs.Add(mac);
            profile.LastMac = mac;
        }
    }

    public IReadOnlySet<int> HopCounts(IPAddress address) =>
        _profiles.TryGetValue(address, out var p) ? p.HopCounts : new HashSet<int>();

    public IReadOnlySet<string> Macs(IPAddress address) =>
        _profiles.TryGetValue(address, out var p) ? p.Macs : new HashSet<string>();

    private sealed class Profile
    {
        public HashSet<int> HopCounts { get; } = [];
        public HashSet<string> Macs { get; } = [];
        public int? LastHopCount { get; set; }
        public string? LastMac { get; set; }
    }

    private sealed class MacsSeen
    {
        public Dictionary<string, long> First { get; } = new(StringComparer.Ordinal);
        public string? Last { get; set; }
    }
}
