using TsharkRst.Findings;

namespace TsharkRst.Patterns;

/// <summary><c>scan</c>: one source meeting closed ports or firewall rejects on many ports or hosts.</summary>
public static class ScanPattern
{
    public const string Kind = "scan";

    /// <summary>Refused targets (address and port) from one source that make a scan.</summary>
    public const int MinTargets = 10;

    public static IEnumerable<Pattern> Find(IReadOnlyList<ResetFinding> findings) =>
        findings
            .Where(f => f.Verdict is Verdict.PortClosed or Verdict.FirewallReject or Verdict.HandshakeAbort)
            .GroupBy(f => f.Client.Address)
            .Select(g => (Source: g.Key, Findings: g.ToList(), Refused: g.Where(f => f.Verdict != Verdict.HandshakeAbort).Select(f => f.Server).Distinct().ToList()))
            .Where(s => s.Refused.Count >= MinTargets)
            .OrderByDescending(s => s.Refused.Count)
            .Select(s =>
            {
                var hosts = s.Refused.Select(e => e.Address).Distinct().Count();
                var ports = s.Refused.Select(e => e.Port).Distinct().Order().ToList();
                var open = s.Findings.Where(f => f.Verdict == Verdict.HandshakeAbort).Select(f => f.Server).Distinct().ToList();
                var openText = open.Count > 0 ? $"; {open.Count} answered and were reset by the scanner itself ({string.Join(", ", open.Take(5))})" : "";
                return new Pattern(Kind,
                    $"{s.Source} met closed ports or rejects on {s.Refused.Count} targets ({ports.Count} ports on {hosts} host{(hosts == 1 ? "" : "s")}): a port scan or a misconfigured client{openText}.",
                    s.Findings.Count,
                    new Dictionary<string, object?>
                    {
                        ["source"] = s.Source.ToString(),
                        ["targets"] = s.Refused.Count,
                        ["hosts"] = hosts,
                        ["ports"] = ports.Take(100).ToList(),
                        ["answered"] = open.Select(e => e.ToString()).ToList(),
                        ["verdicts"] = s.Findings.GroupBy(f => Vocabulary.Name(f.Verdict)).ToDictionary(v => v.Key, v => v.Count()),
                    });
            });
}
