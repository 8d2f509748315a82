using System.Collections;
using System.Text.Json.Nodes;

namespace TsharkRst.Reports;

/// <summary>A pattern's free-form details (spec: an object) as JSON: the rules give them as values, lists and
/// dictionaries of names.</summary>
public static class PatternDetails
{
    public static JsonObject ToJson(IReadOnlyDictionary<string, object?> details) =>
        new(details.Select(d => KeyValuePair.Create(d.Key, Node(d.Value))));

    public static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        IDictionary dictionary => Object(dictionary),
        IEnumerable items => new JsonArray(items.Cast<object?>().Select(Node).ToArray()),
        _ => throw new ArgumentException($"a pattern detail of type {value.GetType().Name} has no JSON form", nameof(value)),
    };

    private static JsonObject Object(IDictionary dictionary)
    {
        var json = new JsonObject();
        // The dictionary's own enumerator: through IEnumerable a generic dictionary gives key-value pairs, not entries.
        for (var entry = dictionary.GetEnumerator(); entry.MoveNext();)
            json[(string)entry.Key] = Node(entry.Value);
        return json;
    }
}
