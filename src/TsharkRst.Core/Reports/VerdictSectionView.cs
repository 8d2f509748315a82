using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The cards of one verdict, grouped by server address. Only the first cards of each
/// server and the first servers are rendered; the rest are counted, so a capture with thousands
/// of resets still gives a page a browser opens at once.</summary>
public sealed record VerdictSectionView(
    string Verdict,
    string Anchor,
    string Description,
    string Count,
    bool Open,
    IReadOnlyList<ServerGroupView> Servers,
    IReadOnlyList<ServerCountView> OtherServers,
    string OtherServersNotListed)
{
    public const int CardsPerServer = 5;
    public const int ServersPerVerdict = 8;
    public const int OtherServersListed = 50;

    /// <summary>The first section starts open, and so does each next one while fewer cards than this
    /// came before it; the rest start collapsed (print opens them all).</summary>
    public const int OpenCards = 25;

    public bool HasOtherServers => OtherServers.Count > 0;

    public static IReadOnlyList<VerdictSectionView> From(IReadOnlyList<(ResetFinding Finding, FindingView View)> findings)
    {
        var sections = findings
            .GroupBy(f => f.View.Verdict)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var cardsBefore = 0;
        return sections.Select((g, index) =>
        {
            var servers = g.GroupBy(f => f.Finding.Server.Address)
                .OrderByDescending(s => s.Count()).ThenBy(s => s.Min(f => f.Finding.RstFrame))
                .ToList();
            var others = servers.Skip(ServersPerVerdict).ToList();
            var open = index == 0 || cardsBefore < OpenCards;
            cardsBefore += servers.Take(ServersPerVerdict).Sum(s => Math.Min(CardsPerServer, s.Count()));
            return new VerdictSectionView(
                g.Key,
                "verdict-" + g.Key,
                g.First().View.VerdictDescription,
                Formatting.Number(g.Count()),
                open,
                servers.Take(ServersPerVerdict).Select(s => ServerGroupView.From(s.ToList())).ToList(),
                others.Take(OtherServersListed).Select(s => ServerCountView.From(s.Select(f => f.Finding).ToList())).ToList(),
                others.Count > OtherServersListed
                    ? $"…and {Formatting.Number(others.Count - OtherServersListed)} more servers with {Formatting.Number(others.Skip(OtherServersListed).Sum(s => s.Count()))} resets."
                    : "");
        }).ToList();
    }
}

/// <summary>The resets of one verdict at one server address: the first cards, the rest counted.</summary>
public sealed record ServerGroupView(string Server, string Ports, string Count, IReadOnlyList<FindingView> Findings, string More)
{
    public bool HasMore => More.Length > 0;

    public static ServerGroupView From(IReadOnlyList<(ResetFinding Finding, FindingView View)> group)
    {
        var findings = group.Select(f => f.Finding).ToList();
        var rest = findings.Skip(VerdictSectionView.CardsPerServer).ToList();
        var first = findings[0];
        return new ServerGroupView(
            first.Server.Address + (first.ServerNames.Count > 0 ? $" ({first.ServerNames[0]})" : ""),
            ServerCountView.PortsOf(findings),
            Formatting.Number(findings.Count),
            group.Take(VerdictSectionView.CardsPerServer).Select(f => f.View).ToList(),
            rest.Count == 0 ? "" : $"…and {Formatting.Number(rest.Count)} more like these, not shown one by one: " +
                $"RST frames {Formatting.Number(rest.Min(f => f.RstFrame))} to {Formatting.Number(rest.Max(f => f.RstFrame))}, " +
                $"{Formatting.Number(rest.Select(f => f.Client.Address).Distinct().Count())} client address(es), " +
                $"server port(s) {ServerCountView.PortsOf(rest)}, idle {FindingWords.Duration(rest.Min(f => f.IdleBeforeSeconds))} to {FindingWords.Duration(rest.Max(f => f.IdleBeforeSeconds))}. " +
                "findings.json lists every one.");
    }
}

/// <summary>A server address whose resets are counted, not shown.</summary>
public sealed record ServerCountView(string Server, string Ports, string Count, string Frames)
{
    private const int PortsListed = 8;

    public static ServerCountView From(IReadOnlyList<ResetFinding> findings) => new(
        findings[0].Server.Address.ToString(),
        PortsOf(findings),
        Formatting.Number(findings.Count),
        $"{Formatting.Number(findings.Min(f => f.RstFrame))}–{Formatting.Number(findings.Max(f => f.RstFrame))}");

    /// <summary>The server ports, most reset first: "443, 8443" or "22, 23, … (17 ports)".</summary>
    public static string PortsOf(IReadOnlyList<ResetFinding> findings)
    {
        var ports = findings.GroupBy(f => f.Server.Port).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => Formatting.Number(g.Key)).ToList();
        return ports.Count <= PortsListed
            ? string.Join(", ", ports)
            : $"{string.Join(", ", ports.Take(PortsListed))}, … ({Formatting.Number(ports.Count)} ports)";
    }
}
