using System.Text.Json.Nodes;
using static TsharkRst.Tests.Cli.AnalyzeCommandTests;

namespace TsharkRst.Tests.Cli;

/// <summary>Paired captures from the command line: --pair for two files, pairs.csv in a batch.</summary>
public sealed class PairCommandTests : IDisposable
{
    private readonly TemporaryFolder _folders = new("tsharkrst-pair-");

    public void Dispose() => _folders.Dispose();

    private string TempFolder() => _folders.NewFolder();

    private static string Pairs => Path.Combine(Repository.Captures, "pairs");

    private static JsonNode Findings(string output, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, name, "findings.json")))!;

    [Fact]
    public async Task Analyze_with_pair_writes_both_reports_each_saying_what_the_other_proves()
    {
        var output = TempFolder();
        var (exit, stdout, stderr) = await RunAsync("analyze", Path.Combine(Pairs, "injected-rst-nat.server.pcapng"),
            "--pair", Path.Combine(Pairs, "injected-rst-nat.client.pcapng"), "-o", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("2 of 2 captures analysed", stdout);
        var client = Findings(output, "injected-rst-nat.client.pcapng");
        Assert.Equal("client", (string)client["pair"]!["side"]!);
        Assert.Equal(1, (int)client["pair"]!["matched"]!["sequence-numbers"]!);
        var reset = client["resets"]![0]!;
        Assert.Equal("middlebox", (string)reset["origin"]!);
        Assert.False((bool)reset["pair"]!["rstLeftSender"]!);
        foreach (var file in new[] { "summary.md", "report.html" })
        {
            var text = File.ReadAllText(Path.Combine(output, "injected-rst-nat.client.pcapng", file));
            Assert.Contains("(proven by the server-side capture: the server never sent it)", text);
            Assert.Contains("Paired with injected-rst-nat.server.pcapng: this is the client-side capture", text);
        }
        Assert.Contains("data-pair>injected-rst-nat.server.pcapng · same RST there: none · left the server: no · clock offset",
            File.ReadAllText(Path.Combine(output, "injected-rst-nat.client.pcapng", "report.html")));
        Assert.Contains("(proven by the client-side capture: the client never sent it)",
            File.ReadAllText(Path.Combine(output, "injected-rst-nat.server.pcapng", "summary.md")));

        // A paired capture gets its evidence.pcapng too: the reset connection, its first RST commented.
        var evidence = await TsharkRst.Tests.Reports.EvidenceCaptureTests.FieldsAsync(
            Path.Combine(output, "injected-rst-nat.client.pcapng", "evidence.pcapng"), "frame.packet_id", "frame.comment");
        var rstFrame = ((long)reset["rstFrame"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([rstFrame], evidence.Where(p => p[1].Length > 0).Select(p => p[0]));
        Assert.StartsWith("tsharkrst: ", evidence.Single(p => p[0] == rstFrame)[1]);
    }

    [Fact]
    public async Task Pair_with_a_folder_several_captures_or_itself_is_a_usage_error()
    {
        var one = Path.Combine(Pairs, "endpoint-reset.client.pcapng");
        foreach (var args in new[]
                 {
                     new[] { "analyze", Pairs, "--pair", one },
                     ["analyze", one, Path.Combine(Pairs, "idle-timeout.client.pcapng"), "--pair", Path.Combine(Pairs, "endpoint-reset.server.pcapng")],
                     ["analyze", one, "--pair", one],
                 })
        {
            var (exit, _, stderr) = await RunAsync([.. args, "-o", TempFolder()]);
            Assert.Equal(2, exit);
            Assert.StartsWith("tsharkrst: --pair", stderr);
        }
    }

    [Fact]
    public async Task A_batch_pairs_the_captures_pairs_csv_names_resumes_them_and_redoes_both_when_one_changes()
    {
        var input = TempFolder();
        Directory.CreateDirectory(Path.Combine(input, "lb"));
        Directory.CreateDirectory(Path.Combine(input, "web"));
        File.Copy(Path.Combine(Pairs, "idle-timeout-nat.client.pcapng"), Path.Combine(input, "lb", "client-side"));
        File.Copy(Path.Combine(Pairs, "idle-timeout-nat.server.pcapng"), Path.Combine(input, "web", "server-side"));
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(input, "alone.pcapng"));
        File.WriteAllText(Path.Combine(input, "pairs.csv"), "client,server\n# the load balancer and the web server\nweb/server-side, lb/client-side\nalone.pcapng,missing.pcapng\n");
        var output = TempFolder();

        var (exit, stdout, stderr) = await RunAsync("analyze", input, "-o", output);

        Assert.Equal(0, exit);
        Assert.Contains($"{Path.Combine(input, "pairs.csv")}, line 4: 'missing.pcapng' is not a capture found in {input}.", stderr);
        Assert.Contains("3 of 3 captures analysed", stdout);
        var client = Findings(output, "lb/client-side");
        Assert.Equal("server-side", (string)client["pair"]!["capture"]!);
        Assert.Equal(Path.Combine(input, "web", "server-side"), (string)client["pair"]!["path"]!);
        var pair = client["resets"]![0]!["pair"]!;
        Assert.Equal(("server-side", null, false), ((string)pair["capture"]!, (long?)pair["rstFrameThere"], (bool)pair["rstLeftSender"]!));
        Assert.Null(Findings(output, "alone.pcapng")["pair"]);

        (exit, stdout, _) = await RunAsync("analyze", input, "-o", output);
        Assert.Equal(0, exit);
        Assert.Contains("3 of 3 captures analysed (3 up to date, not redone)", stdout);

        // The server side replaced by an unrelated capture: both are redone, and nothing is proven any more.
        File.Copy(Path.Combine(Pairs, "endpoint-reset.server.pcapng"), Path.Combine(input, "web", "server-side"), overwrite: true);
        (exit, stdout, _) = await RunAsync("analyze", input, "-o", output);
        Assert.Equal(0, exit);
        Assert.Contains("3 of 3 captures analysed (1 up to date, not redone)", stdout);
        client = Findings(output, "lb/client-side");
        Assert.Null(client["resets"]![0]!["pair"]!["rstLeftSender"]);
        Assert.Contains(client["errors"]!.AsArray(), e => ((string)e!).Contains("do not look like two views of the same traffic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_over_the_paired_lab_captures_lists_each_resets_pair_fields_in_resets_csv_index_md_and_summary_json()
    {
        var output = TempFolder();

        var (exit, stdout, stderr) = await RunAsync("analyze", Pairs, "-o", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("16 of 16 captures analysed", stdout);
        var csv = File.ReadAllLines(Path.Combine(output, "resets.csv"));
        Assert.EndsWith(",summary,wiresharkFilter,communityId,tampering,tamperingStage,pair.capture,pair.rstFrameThere,pair.rstLeftSender", csv[0]);
        string Row(string capture) => Assert.Single(csv, l => l.StartsWith(Path.Combine(Pairs, capture) + ",", StringComparison.Ordinal));
        // The pair columns close each row: the other capture, the same RST's frame there, whether it left its sender.
        Assert.Equal(Path.Combine(Pairs, "injected-rst.client.pcapng") + ",injected-rst.client.pcapng/report.html,192.0.2.10:47688," +
                     "198.51.100.10:8000,6,2026-11-21T16:30:16.543480Z,1,server,middlebox,request,middlebox-injection,high,0.000132," +
                     "A device on the path reset the connection between 192.0.2.10:47688 and 198.51.100.10:8000 (GET search.example/search?q=forbidden+topic) " +
                     "in the server's name during the request phase (proven by the server-side capture: the server never sent it).," +
                     "((ip.src==192.0.2.10 && tcp.srcport==47688 && ip.dst==198.51.100.10 && tcp.dstport==8000) || (ip.src==198.51.100.10 && " +
                     "tcp.srcport==8000 && ip.dst==192.0.2.10 && tcp.dstport==47688)) && frame.number>=1 && frame.number<=6," +
                     "1:69upuBSACMhKW7uu4PJDW0eglDc=,,,injected-rst.server.pcapng,,false", Row("injected-rst.client.pcapng"));
        Assert.EndsWith(",endpoint-reset.server.pcapng,6,true", Row("endpoint-reset.client.pcapng"));
        Assert.EndsWith(",endpoint-reset.client.pcapng,6,", Row("endpoint-reset.server.pcapng"));
        Assert.EndsWith(",rst-races-data-nat.client.pcapng,8,true", Row("rst-races-data-nat.server.pcapng"));
        Assert.EndsWith(",idle-timeout-nat.server.pcapng,,false", Row("idle-timeout-nat.client.pcapng"));

        var index = File.ReadAllText(Path.Combine(output, "index.md"));
        Assert.Contains("| capture | RST frame | sent by | origin | verdict | pair.capture | pair.rstFrameThere | pair.rstLeftSender |\n", index);
        Assert.Contains("| [injected-rst.server.pcapng](injected-rst.server.pcapng/report.html) | 6 | client | middlebox | `middlebox-injection` | " +
                        "[injected-rst.client.pcapng](injected-rst.client.pcapng/report.html) | - | false |\n", index);
        Assert.Contains("| [rst-races-data.server.pcapng](rst-races-data.server.pcapng/report.html) | 11 | client | endpoint | `response-aborted` | " +
                        "[rst-races-data.client.pcapng](rst-races-data.client.pcapng/report.html) | 8 | true |\n", index);
        Assert.Equal(14, index.Split('\n').Count(l => l.StartsWith("| [", StringComparison.Ordinal) && l.Contains(" | `", StringComparison.Ordinal)));

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        var client = summary["captures"]!.AsArray().Single(c => (string)c!["name"]! == "idle-timeout.client.pcapng")!;
        Assert.Equal("""{"capture":"idle-timeout.server.pcapng","path":"PATH","side":"client","rstLeftSender":{"false":1}}""",
            client["pair"]!.ToJsonString().Replace(JsonValue.Create(Path.Combine(Pairs, "idle-timeout.server.pcapng")).ToJsonString(), "\"PATH\"", StringComparison.Ordinal));
        var server = summary["captures"]!.AsArray().Single(c => (string)c!["name"]! == "idle-timeout.server.pcapng")!;
        Assert.Equal("""{}""", server["pair"]!["rstLeftSender"]!.ToJsonString());
    }

    [Fact]
    public async Task A_paired_capture_named_like_a_formula_cannot_run_from_resets_csv()
    {
        var input = TempFolder();
        File.Copy(Path.Combine(Pairs, "injected-rst.client.pcapng"), Path.Combine(input, "client.pcapng"));
        File.Copy(Path.Combine(Pairs, "injected-rst.server.pcapng"), Path.Combine(input, "@SUM(1+1).pcapng"));
        File.WriteAllText(Path.Combine(input, "pairs.csv"), "client.pcapng,@SUM(1+1).pcapng\n");
        var output = TempFolder();

        var (exit, _, stderr) = await RunAsync("analyze", input, "-o", output);

        Assert.True(exit == 0, stderr);
        var row = Assert.Single(File.ReadAllLines(Path.Combine(output, "resets.csv")), l => l.StartsWith(Path.Combine(input, "client.pcapng"), StringComparison.Ordinal));
        Assert.EndsWith(",\"'@SUM(1+1).pcapng\",,false", row);
    }
}
