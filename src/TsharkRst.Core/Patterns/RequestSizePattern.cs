using TsharkRst.Connections;

namespace TsharkRst.Patterns;

/// <summary><c>same-request-size</c>: to one server, every connection whose client sent more than a
/// size was reset and every smaller one was not (a body limit, a WAF, or a path MTU black hole).</summary>
public static class RequestSizePattern
{
    public const string Kind = "same-request-size";

    public static IEnumerable<Pattern> Find(IReadOnlyList<ConnectionSummary> connections) =>
        connections
            .Where(c => c.ClientBytes > 0)
            .GroupBy(c => c.Server)
            .Select(g => (Server: g.Key, Reset: g.Where(c => c.HasReset).ToList(), Clean: g.Where(c => !c.HasReset).ToList()))
            .Where(s => s.Reset.Count >= 2 && s.Clean.Count >= 1 && s.Reset.Min(c => c.ClientBytes) > s.Clean.Max(c => c.ClientBytes))
            .Select(s =>
            {
                var smallestReset = s.Reset.Min(c => c.ClientBytes);
                var largestClean = s.Clean.Max(c => c.ClientBytes);
                return new Pattern(Kind,
                    $"To {s.Server}, all {s.Reset.Count} connections whose client sent {smallestReset} bytes or more were reset, and none of the " +
                    $"{s.Clean.Count} that sent {largestClean} bytes or less: look for a request size limit, a WAF rule or a path MTU problem.",
                    s.Reset.Count,
                    new Dictionary<string, object?>
                    {
                        ["server"] = s.Server.ToString(),
                        ["smallestResetBytes"] = smallestReset,
                        ["largestCleanBytes"] = largestClean,
                        ["reset"] = s.Reset.Count,
                        ["clean"] = s.Clean.Count,
                    });
            });
}
