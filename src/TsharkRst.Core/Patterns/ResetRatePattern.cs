using System.Globalization;
using TsharkRst.Connections;
using TsharkRst.Findings;

namespace TsharkRst.Patterns;

/// <summary><c>reset-rate</c>: per server address and port with at least one reset, how many of its
/// connections were reset and with which verdicts; the busiest first, at most <see cref="MaxServers"/>.</summary>
public static class ResetRatePattern
{
    public const string Kind = "reset-rate";

    /// <summary>More servers than this would bury the other patterns (a scan resets one per port).</summary>
    public const int MaxServers = 10;

    public static IEnumerable<Pattern> Find(IReadOnlyList<ConnectionSummary> connections, IReadOnlyList<ResetFinding> findings)
    {
        // Only the servers with a finding are counted: a port scan has as many servers as connections.
        var totals = findings.Select(f => f.Server).Distinct().ToDictionary(server => server, _ => 0);
        foreach (var c in connections)
            if (totals.TryGetValue(c.Server, out var count))
                totals[c.Server] = count + 1;
        return findings
            .GroupBy(f => f.Server)
            .Select(g => (Server: g.Key, Resets: g.ToList(), Connections: Math.Max(totals.GetValueOrDefault(g.Key), g.Count())))
            .OrderByDescending(s => s.Resets.Count).ThenBy(s => s.Server.ToString(), StringComparer.Ordinal)
            .Take(MaxServers)
            .Select(s =>
            {
                var share = (double)s.Resets.Count / s.Connections;
                var verdicts = s.Resets.GroupBy(f => Vocabulary.Name(f.Verdict)).OrderByDescending(v => v.Count()).ThenBy(v => v.Key, StringComparer.Ordinal)
                    .ToDictionary(v => v.Key, v => v.Count());
                return new Pattern(Kind,
                    $"{s.Server}: {s.Resets.Count} of {s.Connections} connections reset ({share.ToString("0%", CultureInfo.InvariantCulture)}): " +
                    string.Join(", ", verdicts.Select(v => $"{v.Key} {v.Value}")) + ".",
                    s.Connections,
                    new Dictionary<string, object?>
                    {
                        ["server"] = s.Server.ToString(),
                        ["connections"] = s.Connections,
                        ["resets"] = s.Resets.Count,
                        ["share"] = Math.Round(share, 4),
                        ["verdicts"] = verdicts,
                    });
            });
    }
}
