using System.Text.Json.Nodes;
using static TsharkRst.Tests.Cli.AnalyzeCommandTests;

namespace TsharkRst.Tests.Cli;

/// <summary>Paired captures from the command line: --pair for two files, pairs.csv in a batch.</summary>
public class PairCommandTests
{
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
}
