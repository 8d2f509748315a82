using System.Text;
using System.Text.Json;
using TsharkRst.Findings;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tests.Pairing;

namespace TsharkRst.Tests.Reports;

/// <summary>findings.json is written from typed records and read back as the same records.</summary>
public class FindingsFileTests
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Written_one_finding_at_a_time_it_is_the_serialised_record_and_reads_back_to_the_same_bytes(string scenario)
    {
        var document = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
        AssertRoundTrip(document);
    }

    [Fact]
    public async Task A_paired_capture_and_one_past_the_findings_limit_read_back_whole()
    {
        var paired = (await PairFixtures.AnalyzeAsync(PairFixtures.Capture("injected-rst", "client"), PairFixtures.Capture("injected-rst", "server")))[0];
        AssertRoundTrip(paired.Document!);
        var limited = (await FixtureAnalyses.AnalyzeAsync("port-scan")).Document!;
        AssertRoundTrip(limited with
        {
            Aggregated = new ResetAggregate(3, 10, 12, new Dictionary<string, long> { ["port-closed"] = 3 },
                new Dictionary<string, long> { ["unknown"] = 3 }, [("198.51.100.1:81", 3)]),
        });
    }

    [Fact]
    public void Vocabularies_are_read_by_their_spec_names_and_a_misspelled_one_is_refused()
    {
        var reset = JsonSerializer.Deserialize("""{"verdict":"tls-rejected","sentBy":"server","tamperingStage":"post-psh"}""",
            FindingsJsonContext.Indented.Reset)!;
        Assert.Equal((Verdict.TlsRejected, Side.Server, TamperingStage.PostPsh), (reset.Verdict, reset.SentBy, reset.TamperingStage));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"verdict":"tls_rejected"}""", FindingsJsonContext.Indented.Reset));
    }

    private static void AssertRoundTrip(FindingsDocument document)
    {
        using var written = new MemoryStream();
        FindingsJson.Write(document, written);
        var text = Encoding.UTF8.GetString(written.ToArray());
        Assert.Equal(FindingsJson.Serialize(document), text);
        written.Position = 0;
        var read = FindingsJson.Read(written)!;
        Assert.Equal(text, JsonSerializer.Serialize(read, FindingsJsonContext.Indented.FindingsFile) + "\n");
        Assert.Equal(document.Resets.Select(f => f.Verdict), read.Resets.Select(r => r.Verdict));
    }
}
