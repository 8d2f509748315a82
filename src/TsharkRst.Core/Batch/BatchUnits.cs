using TsharkRst.Analysis;

namespace TsharkRst.Batch;

/// <summary>What a batch runs as one: a capture alone, or a pair (analysed together, both outputs written).</summary>
internal static class BatchUnits
{
    /// <summary>A pair is named by the first of its two names, so both land in one shard.</summary>
    public static string Name(CaptureInput c) =>
        c.Pair is { } p && string.CompareOrdinal(p.OutputName, c.OutputName) < 0 ? p.OutputName : c.OutputName;

    /// <summary>The units of <paramref name="captures"/>, in their order, each capture with its place among them.</summary>
    public static List<List<(CaptureInput Capture, int Order)>> Of(IReadOnlyList<CaptureInput> captures)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < captures.Count; i++)
            order.TryAdd(captures[i].OutputName, i);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<List<(CaptureInput, int)>>();
        for (var i = 0; i < captures.Count; i++)
        {
            var c = captures[i];
            if (!taken.Add(c.OutputName))
                continue;
            if (c.Pair is { } pair && taken.Add(pair.OutputName))
            {
                var j = order.GetValueOrDefault(pair.OutputName, captures.Count + i);
                units.Add([(c, i), (j < captures.Count ? captures[j] : pair with { Pair = c with { Pair = null } }, j)]);
            }
            else
            {
                units.Add([(c, i)]);
            }
        }
        return units;
    }
}
