using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tests.TestRun;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Runs tshark over each fixture capture once per test run and shares the result.</summary>
internal static class FixtureAnalyses
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<CaptureResult>>> Results = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<CaptureResult>>> FullResults = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<CaptureResult>>> SplitResults = new();
    private static readonly Lazy<Task<string>> Version = new(() => TsharkProgram.Default.GetVersionAsync());

    private static readonly Lazy<TemporaryFolder> Output = RunFolders.OnFirstUse("tsharkrst-fixtures-");
    private static readonly Lazy<TemporaryFolder> FullOutput = RunFolders.OnFirstUse("tsharkrst-fixtures-full-");
    private static readonly Lazy<TemporaryFolder> SplitOutput = RunFolders.OnFirstUse("tsharkrst-fixtures-split-");

    public static string OutputRoot => Output.Value.FullName;

    public static string FullOutputRoot => FullOutput.Value.FullName;

    public static string SplitOutputRoot => SplitOutput.Value.FullName;

    /// <summary>The settings that split the reset connections of every capture among three tsharks, however few bytes they are.</summary>
    public static AnalysisSettings Split { get; } = new() { SplitFocusBytes = 0, Tsharks = 3 };

    /// <summary>Every capture under fixtures/captures with an expected-findings file, by scenario name.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = Directory.GetFiles(Repository.Captures, "*.expected.json")
        .Select(path => Path.GetFileName(path)[..^".expected.json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The capture beside NAME.expected.json (NAME.keys, a TLS key log, is not one).</summary>
    public static string CapturePath(string scenario) =>
        Directory.GetFiles(Repository.Captures, scenario + ".*")
            .Single(path => !path.EndsWith(".expected.json", StringComparison.Ordinal) && !path.EndsWith(".keys", StringComparison.Ordinal));

    public static JsonObject Expected(string scenario) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Captures, scenario + ".expected.json")))!.AsObject();

    /// <summary>The default analysis: tshark over the reset connections and DNS the triage pass found.</summary>
    public static Task<CaptureResult> AnalyzeAsync(string scenario) =>
        Results.GetOrAdd(scenario, name => new Lazy<Task<CaptureResult>>(() => RunAsync(name, new AnalysisSettings(), OutputRoot))).Value;

    /// <summary>With --full: tshark over every packet.</summary>
    public static Task<CaptureResult> AnalyzeFullAsync(string scenario) =>
        FullResults.GetOrAdd(scenario, name => new Lazy<Task<CaptureResult>>(() =>
            RunAsync(name, new AnalysisSettings { FullDissection = true }, FullOutputRoot))).Value;

    /// <summary>The default analysis with the reset connections split among three tsharks (<see cref="Split"/>).</summary>
    public static Task<CaptureResult> AnalyzeSplitAsync(string scenario) =>
        SplitResults.GetOrAdd(scenario, name => new Lazy<Task<CaptureResult>>(() => RunAsync(name, Split, SplitOutputRoot))).Value;

    private static async Task<CaptureResult> RunAsync(string scenario, AnalysisSettings settings, string outputRoot)
    {
        // A fixture recorded with a TLS key log names it in its expected findings.
        if (Expected(scenario)["tlsKeys"]?.GetValue<string>() is { } keys)
            settings = settings with { TlsKeys = TlsKeyLog.Load(Path.Combine(Repository.Captures, keys)) };
        var analyzer = new CaptureAnalyzer(settings, await Version.Value);
        var path = CapturePath(scenario);
        return (await analyzer.AnalyzeAsync(new CaptureInput(path, Path.GetFileName(path)), outputRoot, CancellationToken.None)).Single();
    }

    /// <summary>The finding as findings.json writes it, so tests compare the contract, not internals.</summary>
    public static async Task<JsonArray> ResetsJsonAsync(string scenario)
    {
        var result = await AnalyzeAsync(scenario);
        Assert.True(result.Succeeded, result.Failure);
        return FindingsJson.ToJson(result.Document!)["resets"]!.AsArray();
    }
}
