using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The style rules that give each verdict its colour in report.html (<c>.v-port-closed{--v:#64748b}</c>),
/// light and dark, from <see cref="VerdictDescriptors"/>: four a line, the dark ones indented inside their media query.</summary>
public sealed record VerdictStylesView(string Light, string Dark)
{
    private const int PerLine = 4;

    public static VerdictStylesView All { get; } = new(
        Lines(d => d.Light, ""),
        Lines(d => d.Dark, "  "));

    private static string Lines(Func<VerdictDescriptor, string> colour, string indent) => string.Join("\n",
        VerdictDescriptors.All.Chunk(PerLine).Select(line => indent + string.Join(" ", line.Select(d => $".v-{d.Name}{{--v:{colour(d)}}}"))));
}
