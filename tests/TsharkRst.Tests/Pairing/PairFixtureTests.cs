using System.Globalization;
using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Pairing;

/// <summary>The lab's paired recordings, client side and server side at once, with and without NAT,
/// held to their expected findings and pair objects; unrelated captures prove nothing; a clock
/// shifted on purpose is recovered.</summary>
public class PairFixtureTests
{
    /// <summary>The lab's clocks are one kernel's: the offset must come out within a millisecond of it.</summary>
    private const double ClockTolerance = 0.001;

    public static TheoryData<string> Names => new(PairFixtures.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_paired_lab_capture_gets_its_expected_findings_and_pair_objects(string name)
    {
        var expected = PairFixtures.Expected(name);
        var documents = await PairFixtures.DocumentsAsync(PairFixtures.Capture(name, "client"), PairFixtures.Capture(name, "server"));
        var differences = new List<string>();
        foreach (var capture in expected["captures"]!.AsArray().Select(c => c!.AsObject()))
        {
            var file = (string)capture["file"]!;
            var document = documents[file];
            var resets = document["resets"]!.AsArray();
            differences.AddRange(ExpectedFindings.Differences(file, capture, resets));
            Assert.Equal((string)capture["side"]!, (string)document["pair"]!["side"]!);
            Assert.Equal((string)capture["pairedWith"]!, (string)document["pair"]!["capture"]!);
            Assert.Empty(document["errors"]!.AsArray());
            var wanted = capture["resets"]!.AsArray();
            for (var i = 0; i < Math.Min(wanted.Count, resets.Count); i++)
            {
                var want = wanted[i]!["pair"]!.AsObject();
                var got = resets[i]!["pair"]!.AsObject();
                foreach (var field in new[] { "capture", "rstFrameThere", "rstLeftSender" })
                    if (!JsonNode.DeepEquals(want[field], got[field]))
                        differences.Add($"{file}, reset {i + 1}, pair.{field}: expected {want[field]?.ToJsonString() ?? "null"}, actual {got[field]?.ToJsonString() ?? "null"}");
                var offset = (double)got["clockOffsetSeconds"]!;
                if (Math.Abs(offset - (double)want["clockOffsetSeconds"]!) > ClockTolerance)
                    differences.Add($"{file}, reset {i + 1}, pair.clockOffsetSeconds: {offset}, more than 1 ms from {want["clockOffsetSeconds"]}");
                var how = (string)wanted[i]!["matchedBy"]! == "endpoints" ? "matched by endpoints" : "matched by initial sequence numbers";
                if (!resets[i]!["evidence"]!.AsArray().Any(e => ((string)e!["note"]!).Contains(how, StringComparison.Ordinal)))
                    differences.Add($"{file}, reset {i + 1}: no evidence says '{how}'");
                var proven = ((string)resets[i]!["summary"]!).Contains("proven by the ", StringComparison.Ordinal);
                if (!proven)
                    differences.Add($"{file}, reset {i + 1}: the summary does not say what proves its origin");
            }
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_order_the_two_captures_are_given_in_changes_nothing(string name)
    {
        var (client, server) = (PairFixtures.Capture(name, "client"), PairFixtures.Capture(name, "server"));
        var clientFirst = await PairFixtures.DocumentsAsync(client, server);
        var serverFirst = await PairFixtures.DocumentsAsync(server, client);
        foreach (var (file, document) in clientFirst)
        {
            Assert.True(JsonNode.DeepEquals(document["resets"], serverFirst[file]["resets"]), $"{file}: resets differ with the other order");
            Assert.True(JsonNode.DeepEquals(document["pair"], serverFirst[file]["pair"]), $"{file}: pair differs with the other order");
        }
    }

    [Theory]
    [InlineData("idle-timeout.client.pcapng", "injected-rst.server.pcapng")]
    [InlineData("rst-races-data.client.pcapng", "rst-races-data-nat.server.pcapng")]
    public async Task Two_unrelated_captures_match_nothing_prove_nothing_and_say_so(string first, string second)
    {
        // The second pair is the same scenario recorded twice, seconds apart: the same payload lengths, nothing else in common.
        var documents = await PairFixtures.DocumentsAsync(Path.Combine(PairFixtures.Folder, first), Path.Combine(PairFixtures.Folder, second));
        foreach (var (file, document) in documents)
        {
            var pair = document["pair"]!;
            Assert.Equal(0, pair["matched"]!.AsObject().Sum(m => (int)m.Value!));
            Assert.Equal("unknown", (string)pair["side"]!);
            Assert.Null(pair["clockOffsetSeconds"]);
            Assert.Contains(document["errors"]!.AsArray(), e => ((string)e!).Contains("the two captures do not look like two views of the same traffic", StringComparison.Ordinal));
            var alone = await FixtureAnalysesOfPairCapture(file);
            foreach (var (reset, unpaired) in document["resets"]!.AsArray().Zip(alone))
            {
                Assert.Equal(new JsonObject { ["capture"] = pair["capture"]!.GetValue<string>(), ["rstFrameThere"] = null, ["rstLeftSender"] = null, ["clockOffsetSeconds"] = null }.ToJsonString(),
                    reset!["pair"]!.ToJsonString());
                Assert.Equal((string)unpaired!["origin"]!, (string)reset["origin"]!);
                Assert.Equal((string)unpaired["verdict"]!, (string)reset["verdict"]!);
                Assert.DoesNotContain("proven", (string)reset["summary"]!);
            }
        }
    }

    [Theory]
    [InlineData("endpoint-reset-nat", 12.345678, true)]
    [InlineData("injected-rst", -3600.5, false)]
    public async Task A_server_side_capture_shifted_with_editcap_has_its_clock_offset_recovered_within_a_millisecond(
        string name, double shift, bool rstLeftServer)
    {
        using var folder = new TemporaryFolder("tsharkrst-shift-");
        var shifted = Path.Combine(folder.FullName, $"{name}.server.pcapng");
        await ProcessRunner.ReadAllAsync(new ProcessCommand("editcap",
            ["-t", shift.ToString(CultureInfo.InvariantCulture), PairFixtures.Capture(name, "server"), shifted]));

        var documents = await PairFixtures.DocumentsAsync(PairFixtures.Capture(name, "client"), shifted);

        var atClient = documents[$"{name}.client.pcapng"];
        var reset = Assert.Single(atClient["resets"]!.AsArray())!;
        Assert.InRange((double)reset["pair"]!["clockOffsetSeconds"]!, shift - ClockTolerance, shift + ClockTolerance);
        Assert.InRange((double)atClient["pair"]!["clockOffsetSeconds"]!, shift - ClockTolerance, shift + ClockTolerance);
        Assert.Equal(rstLeftServer, (bool)reset["pair"]!["rstLeftSender"]!);
        Assert.Equal(rstLeftServer ? "endpoint" : "middlebox", (string)reset["origin"]!);
        Assert.InRange((double)documents[$"{name}.server.pcapng"]["pair"]!["clockOffsetSeconds"]!, -shift - ClockTolerance, -shift + ClockTolerance);
    }

    /// <summary>A capture of a pair analysed on its own, as findings.json writes its resets.</summary>
    private static async Task<JsonArray> FixtureAnalysesOfPairCapture(string file)
    {
        using var output = new TemporaryFolder("tsharkrst-alone-");
        var analyzer = new CaptureAnalyzer(new AnalysisSettings { Formats = OutputFormats.Json }, await TsharkProgram.Default.GetVersionAsync());
        var result = (await analyzer.AnalyzeAsync(new CaptureInput(Path.Combine(PairFixtures.Folder, file), file), output.FullName, CancellationToken.None)).Single();
        return FindingsJson.ToJson(result.Document!)["resets"]!.AsArray();
    }
}
