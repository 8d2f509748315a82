using System.ComponentModel;
using System.Reflection;
using System.Text.Json;

namespace TsharkRst.Findings;

/// <summary>The spec's names (kebab-case) and one-line descriptions of the closed vocabularies.</summary>
public static class Vocabulary
{
    /// <summary>The name the spec uses: <c>SynAck</c> → <c>syn-ack</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Describe<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";

    /// <summary>Every member with its name and description, in declaration order (for glossaries).</summary>
    public static IReadOnlyList<(string Name, string Description)> Glossary<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (Name(v), Describe(v))).ToList();
}
