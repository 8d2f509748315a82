using System.Text.RegularExpressions;

namespace TsharkRst.Tests.Design;

/// <summary>The shape issue 17 gave the core, kept: namespaces that follow the flow with no cycle, no garbage-collector
/// calls, and the stages that orchestrate (Analysis, Batch) in files a reader takes in at once.</summary>
public sealed partial class CoreShapeTests
{
    private static readonly string Core = Path.Combine(Repository.Root, "src", "TsharkRst.Core");

    [Fact]
    public void Core_namespaces_form_no_cycle()
    {
        Assert.Equal([], Cycles(NamespaceGraph()));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Rows"] = [],
            ["Findings"] = ["Rows", "Pairing"],
            ["Pairing"] = ["Rows", "Patterns"],
            ["Patterns"] = ["Findings"],
        };
        Assert.Equal(["Findings -> Pairing -> Patterns -> Findings"], Cycles(graph));
    }

    [Fact]
    public void Core_makes_no_garbage_collector_call()
    {
        var calls = SourceFiles(Core)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => GcCall().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Core, x.f)}:{x.i + 1}: {x.line.Trim()}");
        Assert.Equal([], calls);
    }

    [Theory]
    [InlineData("Analysis")]
    [InlineData("Batch")]
    public void Orchestrating_files_stay_under_200_lines(string folder)
    {
        var long_ = SourceFiles(Path.Combine(Core, folder))
            .Select(f => (Name: Path.GetFileName(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 200)
            .Select(f => $"{f.Name}: {f.Lines}");
        Assert.Equal([], long_);
    }

    /// <summary>Each namespace of Core (TsharkRst.X) to those it uses, by <c>using</c> or by a qualified name.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var file in SourceFiles(Core))
        {
            var text = File.ReadAllText(file);
            if (FileNamespace().Match(text) is not { Success: true } own)
                continue;
            var from = own.Groups[1].Value;
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (Match m in UsedNamespace().Matches(text))
                if (m.Groups[1].Value != from)
                    uses.Add(m.Groups[1].Value);
        }
        Assert.True(graph.Count >= 8, $"only {graph.Count} namespaces read from {Core}");
        return graph;
    }

    /// <summary>Every cycle once, as "A -> B -> A", starting from its smallest name.</summary>
    private static List<string> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys)
            Walk(start, [start]);
        return [.. found];

        void Walk(string at, List<string> path)
        {
            foreach (var next in graph.GetValueOrDefault(at, []).Order(StringComparer.Ordinal))
            {
                if (next == path[0])
                {
                    if (path.All(n => string.CompareOrdinal(n, path[0]) >= 0))
                        found.Add(string.Join(" -> ", path.Append(next)));
                }
                else if (!path.Contains(next))
                {
                    Walk(next, [.. path, next]);
                }
            }
        }
    }

    private static IEnumerable<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [GeneratedRegex(@"^namespace TsharkRst\.([A-Za-z]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bTsharkRst\.([A-Z][A-Za-z]+)\b(?=[.;])")]
    private static partial Regex UsedNamespace();

    [GeneratedRegex(@"\bGC\.(Collect|AddMemoryPressure|TryStartNoGCRegion|WaitForPendingFinalizers|RefreshMemoryLimit)\b|GCSettings\.")]
    private static partial Regex GcCall();
}
