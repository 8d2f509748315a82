using TsharkRst.Connections;

namespace TsharkRst.Patterns;

/// <summary><c>mac-conflict</c>: one IP address seen behind two MAC addresses (a duplicate address,
/// or a device answering in another host's name on the same segment).</summary>
public static class MacConflictPattern
{
    public const string Kind = "mac-conflict";

    public static IEnumerable<Pattern> Find(AddressProfiles profiles) =>
        profiles.AddressesWithSeveralMacs()
            .OrderBy(entry => entry.Macs.Values.Min())
            .Select(entry =>
            {
                var macs = entry.Macs.OrderBy(m => m.Value).ToList();
                return new Pattern(Kind,
                    $"{entry.Address} was seen behind {macs.Count} MAC addresses ({string.Join(", ", macs.Select(m => $"{m.Key} from frame {m.Value}"))}): " +
                    "two hosts claim one address, or a device answers in its name.",
                    0,
                    new Dictionary<string, object?>
                    {
                        ["address"] = entry.Address.ToString(),
                        ["macs"] = macs.Select(m => new Dictionary<string, object?> { ["mac"] = m.Key, ["firstFrame"] = m.Value }).ToList(),
                    });
            });
}
