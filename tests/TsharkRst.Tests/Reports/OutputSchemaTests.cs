using System.Text.Json.Nodes;
using Json.Schema;
using TsharkRst.Cli;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tests.Pairing;

namespace TsharkRst.Tests.Reports;

/// <summary>The JSON Schemas under schemas/ hold every output of the lab captures, as a real 2020-12
/// validator (JsonSchema.Net) reads them, and refuse what breaks the contract.</summary>
public class OutputSchemaTests
{
    private static readonly Lazy<(JsonSchema Findings, JsonSchema Summary, JsonSchema Line, EvaluationOptions Options)> Schemas = new(() =>
    {
        var findings = JsonSchema.FromText(File.ReadAllText(SchemaFile("findings")));
        var summary = JsonSchema.FromText(File.ReadAllText(SchemaFile("summary")));
        var line = JsonSchema.FromText(File.ReadAllText(SchemaFile("resets-line")));
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        // The line schema refers to the findings schema by its $id.
        options.SchemaRegistry.Register(findings);
        return (findings, summary, line, options);
    });

    private static string SchemaFile(string name) => Path.Combine(Repository.Root, "schemas", $"{name}.schema.json");

    /// <summary>The validator's complaints, "instance location: keyword: message", or none when the instance is valid
    /// (an invalid one also lists what failed inside branches that did not decide, such as an <c>if</c>).</summary>
    private static List<string> Errors(JsonSchema schema, JsonNode? instance)
    {
        var results = schema.Evaluate(instance, Schemas.Value.Options);
        return results.IsValid
            ? []
            : results.Details.Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
    }

    private static void AssertValid(JsonSchema schema, JsonNode? instance, string what)
    {
        var errors = Errors(schema, instance);
        Assert.True(errors.Count == 0, $"{what}:\n{string.Join("\n", errors.Take(20))}");
    }

    /// <summary>Refused, with a complaint about <paramref name="at"/> or inside it.</summary>
    private static void AssertInvalid(JsonSchema schema, JsonNode? instance, string at)
    {
        Assert.False(schema.Evaluate(instance, Schemas.Value.Options).IsValid);
        Assert.Contains(Errors(schema, instance), e => e.StartsWith(at + ":", StringComparison.Ordinal) || e.StartsWith(at + "/", StringComparison.Ordinal));
    }

    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_lab_captures_findings_json_is_valid_in_both_modes(string scenario)
    {
        foreach (var analysis in new[] { FixtureAnalyses.AnalyzeAsync(scenario), FixtureAnalyses.AnalyzeFullAsync(scenario) })
        {
            var result = await analysis;
            Assert.True(result.Succeeded, result.Failure);
            AssertValid(Schemas.Value.Findings, JsonNode.Parse(FindingsJson.Serialize(result.Document!)), scenario);
        }
    }

    [Fact]
    public async Task A_paired_captures_findings_json_is_valid_with_its_pair_fields()
    {
        var documents = await PairFixtures.DocumentsAsync(PairFixtures.Capture("injected-rst", "client"), PairFixtures.Capture("injected-rst", "server"));
        Assert.Equal(2, documents.Count);
        foreach (var (name, document) in documents)
        {
            Assert.NotNull(document["pair"]);
            Assert.NotNull(document["resets"]![0]!["pair"]);
            AssertValid(Schemas.Value.Findings, JsonNode.Parse(document.ToJsonString()), name);
        }
    }

    [Fact]
    public async Task A_batch_over_every_lab_and_bad_capture_writes_a_valid_summary_json_findings_json_and_resets_ndjson()
    {
        using var temporary = new TemporaryFolder("tsharkrst-schema-");
        var output = temporary.FullName;
        // Every lab capture (the pairs through their pairs.csv), every damaged or foreign file, and a findings limit
        // that port-scan passes, so "aggregated" is written too.
        var exit = await CliApp.RunAsync(
            ["analyze", Repository.Captures, Path.Combine(Repository.Root, "fixtures", "bad"), "-o", output, "--max-findings", "5", "-q"],
            new StringWriter(), new StringWriter(), CancellationToken.None);
        Assert.Equal(ExitCodes.SomeFailed, exit);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        AssertValid(Schemas.Value.Summary, summary, "summary.json");
        Assert.Contains(summary!["captures"]!.AsArray(), c => (string)c!["status"]! == "failed");
        Assert.Contains(summary["captures"]!.AsArray(), c => c!["pair"] is JsonObject);

        var documents = Directory.GetFiles(output, "findings.json", SearchOption.AllDirectories);
        Assert.True(documents.Length >= 60, $"{documents.Length} findings.json");
        var aggregated = 0;
        foreach (var path in documents)
        {
            var document = JsonNode.Parse(File.ReadAllText(path));
            AssertValid(Schemas.Value.Findings, document, path);
            aggregated += document!["aggregated"] is JsonObject ? 1 : 0;
        }
        Assert.True(aggregated > 0, "no findings.json had aggregated resets");

        var lines = File.ReadAllLines(Path.Combine(output, "resets.ndjson"));
        Assert.True(lines.Length > 40, $"{lines.Length} lines");
        foreach (var line in lines)
            AssertValid(Schemas.Value.Line, JsonNode.Parse(line), line);
    }

    private static async Task<JsonObject> ClosedPortAsync()
    {
        var result = await FixtureAnalyses.AnalyzeAsync("closed-port");
        var document = JsonNode.Parse(FindingsJson.Serialize(result.Document!))!.AsObject();
        AssertValid(Schemas.Value.Findings, document, "closed-port");
        return document;
    }

    [Fact]
    public async Task A_misspelled_verdict_is_refused()
    {
        var document = await ClosedPortAsync();
        document["resets"]![0]!["verdict"] = "port-closd";
        AssertInvalid(Schemas.Value.Findings, document, "/resets/0/verdict");
    }

    [Fact]
    public async Task A_missing_required_field_is_refused()
    {
        var document = await ClosedPortAsync();
        document["resets"]![0]!.AsObject().Remove("communityId");
        AssertInvalid(Schemas.Value.Findings, document, "/resets/0");
    }

    [Fact]
    public async Task A_misspelled_field_name_a_bad_community_id_and_a_stage_without_a_signature_are_refused()
    {
        var renamed = await ClosedPortAsync();
        var finding = renamed["resets"]![0]!.AsObject();
        var verdict = finding["verdict"]!.DeepClone();
        finding.Remove("verdict");
        finding["verdcit"] = verdict;
        AssertInvalid(Schemas.Value.Findings, renamed, "/resets/0");

        var id = await ClosedPortAsync();
        id["resets"]![0]!["communityId"] = "1:not-a-digest";
        AssertInvalid(Schemas.Value.Findings, id, "/resets/0/communityId");

        var stage = await ClosedPortAsync();
        Assert.Null(stage["resets"]![0]!["tampering"]);
        stage["resets"]![0]!["tamperingStage"] = "post-syn";
        AssertInvalid(Schemas.Value.Findings, stage, "/resets/0/tamperingStage");

        var phase = await ClosedPortAsync();
        phase["resets"]![0]!["phase"] = "SYN";
        AssertInvalid(Schemas.Value.Findings, phase, "/resets/0/phase");
    }

    [Fact]
    public void A_summary_with_a_misspelled_verdict_or_without_its_totals_is_refused()
    {
        var summary = JsonNode.Parse("""
            {"schema":"tsharkrst/summary/v1","totals":{"captures":1,"analysed":1,"failed":0,"skipped":0,"resets":1,"verdicts":{"port-closed":1}},
             "captures":[{"path":"a.pcap","name":"a.pcap","reports":"a.pcap","status":"analysed","failure":null,"packets":2,"resets":1,
                          "verdicts":{"port-closed":1},"errors":[]}],
             "busiestServers":[],"idleTimers":[],"errors":[],"skipped":[]}
            """)!.AsObject();
        AssertValid(Schemas.Value.Summary, summary, "summary");

        var misspelled = summary.DeepClone().AsObject();
        misspelled["captures"]![0]!["verdicts"] = new JsonObject { ["port-closd"] = 1 };
        AssertInvalid(Schemas.Value.Summary, misspelled, "/captures/0/verdicts");

        var untotalled = summary.DeepClone().AsObject();
        untotalled.Remove("totals");
        AssertInvalid(Schemas.Value.Summary, untotalled, "");

        var failedWithoutReason = summary.DeepClone().AsObject();
        failedWithoutReason["captures"]![0]!["status"] = "failed";
        AssertInvalid(Schemas.Value.Summary, failedWithoutReason, "/captures/0/failure");
    }

    [Fact]
    public void The_schemas_are_valid_2020_12_schemas()
    {
        foreach (var (name, _) in OutputSchemas.All)
            AssertValid(MetaSchemas.Draft202012, JsonNode.Parse(File.ReadAllText(SchemaFile(name))), name);
    }

    private static IEnumerable<string> Enum(string schema, string definition) =>
        JsonNode.Parse(File.ReadAllText(SchemaFile(schema)))!["$defs"]![definition]!["enum"]!.AsArray().Select(v => (string)v!);

    [Fact]
    public void The_schemas_name_exactly_the_vocabularies_the_tool_writes()
    {
        static IEnumerable<string> Names<T>() where T : struct, System.Enum => TsharkRst.Findings.Vocabulary.Glossary<T>().Select(v => v.Name);
        Assert.Equal(Names<Verdict>(), Enum("findings", "verdict"));
        Assert.Equal(Names<Verdict>(), Enum("summary", "verdict"));
        Assert.Equal(Names<Phase>(), Enum("findings", "phase"));
        Assert.Equal(Names<Origin>(), Enum("findings", "origin"));
        Assert.Equal(Names<Confidence>(), Enum("findings", "confidence"));
        Assert.Equal(Names<Side>(), Enum("findings", "side"));
        Assert.Equal(Names<TamperingStage>(), Enum("findings", "tamperingStage"));
        Assert.Equal(TamperingSignature.Known.Keys, Enum("findings", "tampering"));
        var matched = JsonNode.Parse(File.ReadAllText(SchemaFile("findings")))!["$defs"]!["capturePair"]!["properties"]!["matched"]!["required"]!;
        Assert.Equal(Names<MatchBasis>(), matched.AsArray().Select(v => (string)v!));
        // The spec's own lists (spec/findings.md), written out here.
        Assert.Equal(["port-closed", "firewall-reject", "handshake-abort", "idle-timeout", "middlebox-injection", "tls-alert", "tls-rejected",
            "after-close", "request-rejected", "request-abandoned", "response-aborted", "abortive-close", "unknown"], Enum("findings", "verdict"));
        Assert.Equal(["syn", "syn-ack", "established", "tls-handshake", "tls-alert", "request", "response", "closing", "unknown"], Enum("findings", "phase"));
        Assert.Equal(["endpoint", "middlebox", "unknown"], Enum("findings", "origin"));
        Assert.Equal(["high", "medium", "low"], Enum("findings", "confidence"));
    }

    [Fact]
    public async Task The_tool_prints_the_schemas_it_ships_and_refuses_an_unknown_name()
    {
        foreach (var (name, _) in OutputSchemas.All)
        {
            var stdout = new StringWriter();
            Assert.Equal(ExitCodes.Ok, await CliApp.RunAsync(["schema", name], stdout, new StringWriter(), CancellationToken.None));
            Assert.Equal(File.ReadAllText(SchemaFile(name)), stdout.ToString());
        }
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Usage, await CliApp.RunAsync(["schema", "findngs"], new StringWriter(), stderr, CancellationToken.None));
        Assert.Equal("tsharkrst: there is no schema 'findngs'; choose one of findings, summary, resets-line.\n", stderr.ToString());
    }
}
