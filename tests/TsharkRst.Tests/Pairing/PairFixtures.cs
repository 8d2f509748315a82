using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tests.TestRun;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Pairing;

/// <summary>The paired lab captures (fixtures/captures/pairs): NAME.client.pcapng, NAME.server.pcapng
/// and NAME.expected.json. Each pair runs through tshark once per order per test run.</summary>
internal static class PairFixtures
{
    private static readonly ConcurrentDictionary<(string, string, bool), Lazy<Task<IReadOnlyList<CaptureResult>>>> Results = new();
    private static readonly Lazy<Task<string>> Version = new(() => TsharkProgram.Default.GetVersionAsync());
    private static readonly Lazy<TemporaryFolder> Outputs = RunFolders.OnFirstUse("tsharkrst-pairs-");

    public static string Folder => Path.Combine(Repository.Captures, "pairs");

    public static IReadOnlyList<string> Names { get; } = Directory.GetFiles(Folder, "*.expected.json")
        .Select(path => Path.GetFileName(path)[..^".expected.json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static JsonObject Expected(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")))!.AsObject();

    public static string Capture(string name, string side) => Path.Combine(Folder, $"{name}.{side}.pcapng");

    /// <summary>The two captures analysed as a pair, results in the order given; <paramref name="full"/>: with --full.</summary>
    public static Task<IReadOnlyList<CaptureResult>> AnalyzeAsync(string first, string second, bool full = false) =>
        Results.GetOrAdd((first, second, full), key => new Lazy<Task<IReadOnlyList<CaptureResult>>>(async () =>
        {
            var output = Outputs.Value.NewFolder();
            var settings = new AnalysisSettings { Formats = OutputFormats.Json, FullDissection = key.Item3 };
            var analyzer = new CaptureAnalyzer(settings, await Version.Value);
            var (a, _) = PairsFile.Paired(new CaptureInput(key.Item1, Path.GetFileName(key.Item1)), new CaptureInput(key.Item2, Path.GetFileName(key.Item2)));
            return await analyzer.AnalyzeAsync(a, output, CancellationToken.None);
        })).Value;

    /// <summary>Each capture's findings as findings.json writes them, by file name.</summary>
    public static async Task<Dictionary<string, JsonObject>> DocumentsAsync(string first, string second, bool full = false)
    {
        var results = await AnalyzeAsync(first, second, full);
        foreach (var result in results)
            Assert.True(result.Succeeded, result.Failure);
        return results.ToDictionary(r => Path.GetFileName(r.Input.Path), r => FindingsJson.ToJson(r.Document!));
    }
}
