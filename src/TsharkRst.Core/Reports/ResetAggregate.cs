using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The resets past the findings limit, counted rather than each written out (findings.json's
/// <c>aggregated</c>): how many, the frames they span, and how they split by verdict, origin and server.</summary>
public sealed record ResetAggregate(
    long Resets,
    long FirstRstFrame,
    long LastRstFrame,
    IReadOnlyDictionary<string, long> Verdicts,
    IReadOnlyDictionary<string, long> Origins,
    IReadOnlyList<(string Server, long Resets)> BusiestServers)
{
    public const int Servers = 10;

    /// <summary>"…and 999,000 more resets (frames 2,001 to 2,000,000), counted in findings.json's aggregated: port-closed 998,000, …"</summary>
    public string Sentence() =>
        $"…and {Formatting.Number(Resets)} more resets (RST frames {Formatting.Number(FirstRstFrame)} to {Formatting.Number(LastRstFrame)}), " +
        $"past the limit of findings written one by one (--max-findings), counted in findings.json's \"aggregated\": " +
        string.Join(", ", Verdicts.Select(v => $"{v.Key} {Formatting.Number(v.Value)}")) + ".";
}

/// <summary>Counts findings into a <see cref="ResetAggregate"/>.</summary>
internal sealed class ResetTally
{
    private readonly Dictionary<string, long> _verdicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _origins = new(StringComparer.Ordinal);
    private readonly BusiestServers _servers = new();
    private long _count;
    private long _first = long.MaxValue;
    private long _last;

    public long Count => _count;

    public void Add(ResetFinding finding)
    {
        _count++;
        (_first, _last) = (Math.Min(_first, finding.RstFrame), Math.Max(_last, finding.RstFrame));
        Increment(_verdicts, Vocabulary.Name(finding.Verdict));
        Increment(_origins, Vocabulary.Name(finding.Origin));
        _servers.Add(finding.Server);
    }

    public ResetAggregate? ToAggregate() => _count == 0
        ? null
        : new ResetAggregate(_count, _first, _last, Ordered(_verdicts), Ordered(_origins),
            _servers.Top(ResetAggregate.Servers).Select(s => (s.Server.ToString(), s.Resets)).ToList());

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static Dictionary<string, long> Ordered(Dictionary<string, long> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary();
}
