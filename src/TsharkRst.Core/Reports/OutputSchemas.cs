namespace TsharkRst.Reports;

/// <summary>The JSON Schemas (draft 2020-12) of what the tool writes for machines: findings.json, the batch's
/// summary.json, and one line of resets.ndjson. The files under schemas/ are built into the tool.</summary>
public static class OutputSchemas
{
    /// <summary>Each schema's name, as <c>tsharkrst schema NAME</c> takes it, and what it describes.</summary>
    public static IReadOnlyList<(string Name, string Describes)> All { get; } =
    [
        ("findings", "findings.json, one per capture"),
        ("summary", "summary.json, at the top of a batch"),
        ("resets-line", "one line of resets.ndjson, at the top of a batch (refers to the findings schema)"),
    ];

    public static bool Exists(string name) => All.Any(s => s.Name == name);

    /// <summary>The text of schemas/NAME.schema.json.</summary>
    public static string Read(string name)
    {
        if (!Exists(name))
            throw new TsharkRstException($"There is no schema '{name}'; there are {string.Join(", ", All.Select(s => s.Name))}.");
        using var stream = typeof(OutputSchemas).Assembly.GetManifestResourceStream($"schemas/{name}.schema.json")
            ?? throw new TsharkRstException($"The schema {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
