using TsharkRst.Connections;

namespace TsharkRst.Patterns;

/// <summary><c>same-request-size</c>: to one server, every connection whose client sent more than a
/// size was reset and every smaller one was not (a body limit, a WAF, or a path MTU black hole).</summary>
public static class RequestSizePattern
{
    public const string Kind = "same-request-size";

    public static IEnumerable<Pattern> Find(IReadOnlyList<ConnectionSummary> connections)
    {
        // Counted per server as the summaries go by: a capture's summaries are made as they are read, not held.
        var servers = new Dictionary<Endpoint, Sizes>();
        foreach (var c in connections)
        {
            if (c.ClientBytes <= 0)
                continue;
            var sizes = servers.TryGetValue(c.Server, out var seen) ? seen : new Sizes();
            servers[c.Server] = c.HasReset
                ? sizes with { Reset = sizes.Reset + 1, SmallestReset = Math.Min(sizes.SmallestReset, c.ClientBytes) }
                : sizes with { Clean = sizes.Clean + 1, LargestClean = Math.Max(sizes.LargestClean, c.ClientBytes) };
        }
        return servers
            .Where(s => s.Value.Reset >= 2 && s.Value.Clean >= 1 && s.Value.SmallestReset > s.Value.LargestClean)
            .Select(s => new Pattern(Kind,
                $"To {s.Key}, all {s.Value.Reset} connections whose client sent {s.Value.SmallestReset} bytes or more were reset, and none of the " +
                $"{s.Value.Clean} that sent {s.Value.LargestClean} bytes or less: look for a request size limit, a WAF rule or a path MTU problem.",
                s.Value.Reset,
                new Dictionary<string, object?>
                {
                    ["server"] = s.Key.ToString(),
                    ["smallestResetBytes"] = s.Value.SmallestReset,
                    ["largestCleanBytes"] = s.Value.LargestClean,
                    ["reset"] = s.Value.Reset,
                    ["clean"] = s.Value.Clean,
                }));
    }

    private readonly record struct Sizes(int Reset, long SmallestReset, int Clean, long LargestClean)
    {
        public Sizes() : this(0, long.MaxValue, 0, long.MinValue)
        {
        }
    }
}
