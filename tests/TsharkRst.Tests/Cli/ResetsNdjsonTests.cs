using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using TsharkRst.Cli;

namespace TsharkRst.Tests.Cli;

/// <summary>resets.ndjson: one finding per line at the top of a batch, the same findings as resets.csv
/// after a batch and after shards are merged.</summary>
public sealed class ResetsNdjsonTests : IDisposable
{
    private static readonly string[] Samples =
        ["closed-port.pcapng", "firewall-reject-v6.pcapng", "idle-timeout-conntrack.pcapng", "http-request-rst-nsec.pcap",
         "tls-alert-unknown-ca.pcapng", "port-scan.pcapng", "clean-fin-tls.pcapng", "hostile-strings.pcapng"];

    private readonly TemporaryFolder _folders = new("tsharkrst-ndjson-");

    private static async Task<int> RunAsync(params string[] args) =>
        await CliApp.RunAsync(args, new StringWriter(), new StringWriter(), CancellationToken.None);

    public void Dispose() => _folders.Dispose();

    private string TempFolder() => _folders.NewFolder();

    private string InputFolder()
    {
        var input = TempFolder();
        for (var i = 0; i < Samples.Length; i++)
        {
            var host = Directory.CreateDirectory(Path.Combine(input, $"host{i % 3}")).FullName;
            File.Copy(Path.Combine(Repository.Captures, Samples[i]), Path.Combine(host, Samples[i]));
        }
        return input;
    }

    private static List<JsonObject> Lines(string output)
    {
        var text = File.ReadAllText(Path.Combine(output, "resets.ndjson"), Encoding.UTF8);
        Assert.EndsWith("\n", text);
        // Every line one whole JSON object: no value spans two lines.
        return text[..^1].Split('\n').Select(line => Assert.IsType<JsonObject>(JsonNode.Parse(line))).ToList();
    }

    private static List<Dictionary<string, string>> Rows(string output)
    {
        using var stream = File.OpenRead(Path.Combine(output, "resets.csv"));
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true }, true);
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        while (csv.Read())
        {
            header ??= csv.Headers.ToArray();
            rows.Add(header.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(c => c.name, c => c.value));
        }
        return rows;
    }

    /// <summary>An endpoint of a line as resets.csv writes it: 192.0.2.1:443 or [2001:db8::1]:443.</summary>
    private static string Endpoint(JsonNode e) =>
        ((string)e["ip"]!).Contains(':') ? $"[{e["ip"]}]:{e["port"]}" : $"{e["ip"]}:{e["port"]}";

    /// <summary>Each CSV row against the line in the same place: the capture, and every field the row carries.</summary>
    private static void AssertSameFindings(string output, int expectedResets)
    {
        var lines = Lines(output);
        var rows = Rows(output);
        Assert.Equal(expectedResets, lines.Count);
        Assert.Equal(lines.Count, rows.Count);
        foreach (var (line, row) in lines.Zip(rows))
        {
            Assert.Equal(row["capture"], (string)line["capture"]!["path"]!);
            Assert.Equal(Path.GetFileName(row["capture"]), (string)line["capture"]!["name"]!);
            Assert.Equal(row["reports"], (string)line["capture"]!["reports"]!);
            Assert.Equal(row["client"], Endpoint(line["client"]!));
            Assert.Equal(row["server"], Endpoint(line["server"]!));
            foreach (var column in row.Keys.Except(["capture", "reports", "client", "server"]))
            {
                var value = column.StartsWith("pair.", StringComparison.Ordinal)
                    ? line["pair"]?[column["pair.".Length..]]
                    : line[column];
                Assert.True(row[column] == (value?.ToString() ?? ""), $"{row["capture"]} frame {row["rstFrame"]}: {column} is '{row[column]}' in resets.csv, '{value}' in resets.ndjson");
            }
            Assert.Matches(@"^1:[A-Za-z0-9+/]{27}=$", (string)line["communityId"]!);
        }
    }

    [Fact]
    public async Task A_batch_and_a_three_shard_merge_write_the_same_findings_to_resets_ndjson_as_to_resets_csv()
    {
        var input = InputFolder();
        var expected = Samples.Sum(name => JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Captures,
            name[..name.IndexOf('.')] + ".expected.json")))!["resets"]!.AsArray().Count);

        var single = TempFolder();
        Assert.Equal(0, await RunAsync("analyze", input, "-o", single));
        AssertSameFindings(single, expected);
        // Markup, quotes, pipes and backticks from the capture come through as the JSON strings findings.json holds.
        var hostile = Lines(single).Single(l => (string)l["capture"]!["name"]! == "hostile-strings.pcapng" && l["http"] is JsonObject);
        Assert.Equal("\"><img src=x onerror=alert(2)>|`host`.example", (string)hostile["http"]!["host"]!);

        var shared = TempFolder();
        for (var k = 0; k < 3; k++)
            Assert.Equal(0, await RunAsync("analyze", input, "-o", shared, "--shard", $"{k}/3"));
        Assert.False(File.Exists(Path.Combine(shared, "resets.ndjson")));
        Assert.Equal(0, await RunAsync("merge", shared));
        AssertSameFindings(shared, expected);
        Assert.Equal(File.ReadAllText(Path.Combine(single, "resets.ndjson")), File.ReadAllText(Path.Combine(shared, "resets.ndjson")));

        // Shards written to folders of their own, merged into a third.
        var parts = Enumerable.Range(0, 3).Select(_ => TempFolder()).ToArray();
        for (var k = 0; k < 3; k++)
            Assert.Equal(0, await RunAsync("analyze", input, "-o", parts[k], "--shard", $"{k}/3"));
        var merged = TempFolder();
        Assert.Equal(0, await RunAsync(["merge", .. parts, "-o", merged]));
        AssertSameFindings(merged, expected);
        Assert.Equal(Lines(single).Select(l => (string)l["communityId"]! + l["rstFrame"]),
            Lines(merged).Select(l => (string)l["communityId"]! + l["rstFrame"]));
    }
}
