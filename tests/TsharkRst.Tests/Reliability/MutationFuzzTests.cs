using TsharkRst.Analysis;
using TsharkRst.Tshark;
using Xunit.Abstractions;

namespace TsharkRst.Tests.Reliability;

/// <summary>A bounded, seeded mutation fuzzer over the whole pipeline: no exception escapes, no run
/// hangs, and every error names the capture.</summary>
public class MutationFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261121;
    private const int PipelineRuns = 40;

    [Fact]
    public async Task Mutated_captures_never_crash_or_hang_the_pipeline_and_errors_name_the_capture()
    {
        using var temporary = new TemporaryFolder("tsharkrst-fuzz-");
        var folder = temporary.FullName;
        var settings = new AnalysisSettings { Timeout = TimeSpan.FromSeconds(60) };
        var analyzer = new CaptureAnalyzer(settings, await TsharkProgram.Default.GetVersionAsync());
        var mutations = new Mutations(Seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < PipelineRuns; i++)
        {
            var (kind, bytes) = mutations.Next();
            var path = Path.Combine(folder, $"mutant-{i:000}-{kind}.pcapng");
            await File.WriteAllBytesAsync(path, bytes);
            var result = (await analyzer.AnalyzeAsync(new CaptureInput(path, Path.GetFileName(path)), Path.Combine(folder, "out"), CancellationToken.None)).Single();
            var outcome = result.Succeeded ? (result.Document!.Errors.Count > 0 ? "analysed-with-errors" : "analysed") : "failed";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (!result.Succeeded)
                Assert.StartsWith(path + ": ", result.Failure);
            else
                Assert.All(result.Document!.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error)));
        }
        output.WriteLine($"seed {Seed}, {PipelineRuns} mutants: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.Equal(PipelineRuns, outcomes.Values.Sum());
    }
}
