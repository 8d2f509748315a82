namespace TsharkRst.Patterns;

/// <summary>An observation across connections (spec: <c>patterns[]</c>).</summary>
public sealed record Pattern(string Kind, string Summary, int Connections, IReadOnlyDictionary<string, object?> Details);
