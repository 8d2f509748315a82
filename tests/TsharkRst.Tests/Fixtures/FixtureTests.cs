using System.Text;
using Xunit.Abstractions;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Every lab capture through tshark and the whole pipeline, held to its expected findings.</summary>
public class FixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_lab_capture_gets_its_expected_findings(string scenario)
    {
        var differences = ExpectedFindings.Differences(scenario, FixtureAnalyses.Expected(scenario),
            await FixtureAnalyses.ResetsJsonAsync(scenario));
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task The_suite_prints_scenarios_by_verdict_and_how_many_match()
    {
        var table = new StringBuilder();
        table.AppendLine($"{"scenario",-36} {"expected verdicts",-44} match");
        var matching = 0;
        foreach (var scenario in FixtureAnalyses.Scenarios)
        {
            var expected = FixtureAnalyses.Expected(scenario);
            var differences = ExpectedFindings.Differences(scenario, expected, await FixtureAnalyses.ResetsJsonAsync(scenario));
            var verdicts = expected["resets"]!.AsArray().GroupBy(r => (string)r!["verdict"]!)
                .Select(g => $"{g.Key}×{g.Count()}").DefaultIfEmpty("(no reset)");
            table.AppendLine($"{scenario,-36} {string.Join(" ", verdicts),-44} {(differences.Count == 0 ? "yes" : "NO")}");
            if (differences.Count == 0)
                matching++;
        }
        table.AppendLine($"{matching} of {FixtureAnalyses.Scenarios.Count} scenarios match every expected field.");
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fixture-summary.txt"), table.ToString());
        Assert.True(FixtureAnalyses.Scenarios.Count >= 6, "the lab should hold at least six scenarios");
        Assert.Equal(FixtureAnalyses.Scenarios.Count, matching);
    }
}
