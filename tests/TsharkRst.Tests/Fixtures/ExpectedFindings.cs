using System.Text.Json.Nodes;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Compares a fixture's expected findings with the tool's, field by field, and says
/// exactly which scenario, reset and field differ.</summary>
internal static class ExpectedFindings
{
    public static readonly string[] Fields = ["client", "server", "rstFrame", "sentBy", "origin", "phase", "verdict"];

    public static List<string> Differences(string scenario, JsonObject expected, JsonArray actual)
    {
        var differences = new List<string>();
        var expectedResets = expected["resets"]!.AsArray();
        if (expectedResets.Count != actual.Count)
            differences.Add($"{scenario}: {expectedResets.Count} resets expected, {actual.Count} found " +
                            $"(frames {string.Join(",", actual.Select(a => a!["rstFrame"]))})");
        for (var i = 0; i < Math.Min(expectedResets.Count, actual.Count); i++)
        {
            var want = expectedResets[i]!.AsObject();
            var got = actual[i]!.AsObject();
            foreach (var field in Fields)
                Compare(differences, $"{scenario}, reset {i + 1}, {field}", want[field], got[field]);
            foreach (var context in new[] { "tls", "http", "app", "device" })
                if (want[context] is JsonObject wantContext)
                    CompareObject(differences, $"{scenario}, reset {i + 1}, {context}", wantContext, got[context] as JsonObject);
        }
        return differences;
    }

    private static void CompareObject(List<string> differences, string where, JsonObject want, JsonObject? got)
    {
        foreach (var (key, value) in want)
        {
            var actual = got?[key];
            if (value is JsonObject nested)
                CompareObject(differences, $"{where}.{key}", nested, actual as JsonObject);
            else
                Compare(differences, $"{where}.{key}", value, actual);
        }
    }

    private static void Compare(List<string> differences, string where, JsonNode? want, JsonNode? got)
    {
        if (!JsonNode.DeepEquals(want, got))
            differences.Add($"{where}: expected {want?.ToJsonString() ?? "null"}, actual {got?.ToJsonString() ?? "null"}");
    }
}
