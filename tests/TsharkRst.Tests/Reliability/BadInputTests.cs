using System.Text.Json.Nodes;
using TsharkRst.Cli;

namespace TsharkRst.Tests.Reliability;

/// <summary>fixtures/bad/: every broken input gets the outcome outcomes.json lists for it, with an
/// error that names the capture; nothing crashes, hangs or escapes the output folder.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TemporaryFolder _folders = new("tsharkrst-bad-");

    public void Dispose() => _folders.Dispose();

    private static string Bad => Path.Combine(Repository.Root, "fixtures", "bad");

    public static TheoryData<string> Inputs => new(Outcomes().Keys.Order(StringComparer.Ordinal));

    private static Dictionary<string, string> Outcomes() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Bad, "outcomes.json")))!.AsObject()
            .ToDictionary(entry => entry.Key, entry => (string)entry.Value!);

    private async Task<(int Exit, string Out, string Err, string Output)> AnalyzeAsync(params string[] paths)
    {
        var output = _folders.NewFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["analyze", "-o", output, "--jobs", "2", "--", .. paths], stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString(), output);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Each_broken_input_gets_its_listed_outcome(string name)
    {
        var path = Path.Combine(Bad, name);
        var (exit, stdout, stderr, output) = await AnalyzeAsync(path);
        var expected = Outcomes()[name];
        Assert.DoesNotContain("   at ", stderr);
        if (expected == "failed")
        {
            Assert.Equal(1, exit);
            Assert.StartsWith($"tsharkrst: {path}: ", stderr);
            return;
        }
        Assert.True(exit == 0, stderr);
        Assert.Contains($"{path}: ", stdout);
        var findings = JsonNode.Parse(File.ReadAllText(Path.Combine(output, name, "findings.json")))!;
        var errors = findings["errors"]!.AsArray();
        if (expected == "analysed")
        {
            Assert.Empty(errors);
            return;
        }
        Assert.Equal("analysed-with-errors", expected);
        Assert.NotEmpty(errors);
        Assert.True((long)findings["capture"]!["packets"]! > 0, "what was read before the damage is analysed");
    }

    [Fact]
    public async Task A_whole_corpus_in_one_run_keeps_every_output_inside_OUT()
    {
        var (exit, _, _, output) = await AnalyzeAsync(Bad);
        Assert.Equal(1, exit);
        var root = Path.GetFullPath(output) + Path.DirectorySeparatorChar;
        Assert.All(Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories),
            entry => Assert.StartsWith(root, Path.GetFullPath(entry), StringComparison.Ordinal));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        var outcomes = Outcomes();
        // Every file of the corpus is named as a capture, so each is analysed or failed, never skipped;
        // the corpus's own README.md, make.py and outcomes.json are the files skipped.
        Assert.Equal(outcomes.Count, (int)summary["totals"]!["captures"]!);
        Assert.Equal(outcomes.Count(o => o.Value == "failed"), (int)summary["totals"]!["failed"]!);
        Assert.Equal(["README.md", "make.py", "outcomes.json"], summary["skipped"]!.AsArray().Select(f => Path.GetFileName((string)f!)));
    }

    [Fact]
    public async Task A_4_GB_sparse_file_is_refused_at_once()
    {
        var folder = _folders.NewFolder();
        var sparse = Path.Combine(folder, "sparse.pcap");
        using (var stream = new FileStream(sparse, FileMode.CreateNew))
            stream.SetLength(4L << 30);
        var (exit, _, stderr, _) = await AnalyzeAsync(sparse);
        Assert.Equal(1, exit);
        Assert.Equal($"tsharkrst: {sparse}: it is not a capture file tshark can read (pcap, pcapng, or one of their gzip-compressed forms).",
            stderr.Split('\n')[0]);
    }

    [Theory]
    [InlineData("..", "capture")]
    [InlineData(".", "capture")]
    [InlineData(".hidden.pcap", "_hidden.pcap")]
    [InlineData("a/b\\c:d.pcap", "a_b_c_d.pcap")]
    [InlineData("nul\0byte.pcap", "nul_byte.pcap")]
    public void Output_folder_names_cannot_climb_out_of_OUT(string name, string safe)
    {
        Assert.Equal(safe, Analysis.CaptureDiscovery.SafeName(name));
    }
}
