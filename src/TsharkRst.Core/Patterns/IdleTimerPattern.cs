using System.Globalization;
using TsharkRst.Findings;

namespace TsharkRst.Patterns;

/// <summary><c>idle-timer</c>: several idle-timeout resets whose idle gaps cluster point to one timer;
/// its estimate is compared with the known defaults of devices and stacks.</summary>
public static class IdleTimerPattern
{
    public const string Kind = "idle-timer";

    /// <summary>Gaps within 5 % (plus 1 s of jitter) of the previous one belong to one cluster.</summary>
    private static bool SameCluster(double previous, double next) => next <= previous * 1.05 + 1;

    public static IEnumerable<Pattern> Find(IReadOnlyList<ResetFinding> findings)
    {
        var gaps = findings.Where(f => f.Verdict == Verdict.IdleTimeout).OrderBy(f => f.IdleBeforeSeconds).ToList();
        var cluster = new List<ResetFinding>();
        foreach (var finding in gaps)
        {
            if (cluster.Count > 0 && !SameCluster(cluster[^1].IdleBeforeSeconds, finding.IdleBeforeSeconds))
            {
                if (Describe(cluster) is { } pattern)
                    yield return pattern;
                cluster = [];
            }
            cluster.Add(finding);
        }
        if (Describe(cluster) is { } last)
            yield return last;
    }

    private static Pattern? Describe(List<ResetFinding> cluster)
    {
        if (cluster.Count < 2)
            return null;
        var seconds = cluster.Select(f => f.IdleBeforeSeconds).ToList();
        var (min, max) = (seconds.Min(), seconds.Max());
        var estimate = seconds[seconds.Count / 2];
        var matches = KnownIdleTimer.Near(estimate).Concat(KnownIdleTimer.Near(min)).Distinct().ToList();
        var servers = cluster.Select(f => f.Server.ToString()).Distinct().ToList();
        var middlebox = cluster.Count(f => f.Origin == Origin.Middlebox);
        var range = $"{Round(min)}–{Round(max)} s";
        var matchText = matches.Count > 0
            ? $" It matches the default of {string.Join(", ", matches.Select(m => $"{m.Device} ({Round(m.Seconds)} s)"))}."
            : " No known default matches it; look for a configured timer of about that length.";
        var summary = $"{cluster.Count} connections were reset after {range} idle: one idle timer of about {Round(estimate)} s " +
                      $"(at most {Round(min)} s) on the path{(middlebox > 0 ? $"; a device on the path made {middlebox} of the RSTs" : "")}." +
                      matchText;
        return new Pattern(Kind, summary, cluster.Count, new Dictionary<string, object?>
        {
            ["estimatedSeconds"] = Math.Round(estimate, 3),
            ["minSeconds"] = Math.Round(min, 3),
            ["maxSeconds"] = Math.Round(max, 3),
            ["servers"] = servers,
            ["rstFrames"] = cluster.Select(f => f.RstFrame).ToList(),
            ["matches"] = matches.Select(m => new Dictionary<string, object?> { ["device"] = m.Device, ["seconds"] = m.Seconds, ["onExpiry"] = m.OnExpiry }).ToList(),
        });
    }

    private static string Round(double seconds) => seconds.ToString(seconds < 100 ? "0.#" : "0", CultureInfo.InvariantCulture);
}
