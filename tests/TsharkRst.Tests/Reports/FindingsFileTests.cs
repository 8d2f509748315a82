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
    public async Task Vocabularies_are_read_by_their_spec_names_and_a_misspelled_one_or_a_missing_field_is_refused()
    {
        var finding = (await FixtureAnalyses.AnalyzeAsync("tls-alert-unknown-ca")).Document!.Resets[0];
        var json = JsonSerializer.Serialize(FindingsJson.Finding(finding), FindingsJsonContext.Compact.Reset);
        var reset = JsonSerializer.Deserialize(json, FindingsJsonContext.Compact.Reset)!;
        Assert.Equal((Verdict.TlsAlert, Side.Server, Phase.TlsAlert), (reset.Verdict, reset.SentBy, reset.Phase));

        Assert.Contains("\"verdict\":\"tls-alert\"", json);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json.Replace("\"verdict\":\"tls-alert\"", "\"verdict\":\"tls_alert\""),
            FindingsJsonContext.Compact.Reset));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json.Replace("\"verdict\":\"tls-alert\",", ""), FindingsJsonContext.Compact.Reset));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json.Replace("\"summary\":", "\"summary\":null,\"x\":"),
            FindingsJsonContext.Compact.Reset));
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
