using System.Text.Encodings.Web;
using System.Text.Json;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>A pattern across connections with its details as ready-to-print pairs.</summary>
public sealed record PatternView(string Kind, string Summary, string Connections, IReadOnlyList<PatternDetailView> Details)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool HasDetails => Details.Count > 0;

    public static PatternView From(Pattern p) => new(
        p.Kind,
        p.Summary,
        Formatting.Number(p.Connections),
        p.Details.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new PatternDetailView(d.Key, d.Value switch
            {
                null => "-",
                string s => s,
                // Through the nodes findings.json is written with: reflection-based serialisation emitted code on every run.
                _ => PatternDetails.Node(d.Value)!.ToJsonString(Json),
            }))
            .ToList());
}

/// <summary>One detail of a pattern.</summary>
public sealed record PatternDetailView(string Name, string Value);
