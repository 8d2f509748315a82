using static TsharkRst.Tests.Cli.AnalyzeCommandTests;

namespace TsharkRst.Tests.Cli;

/// <summary>The batch index is for batches: one capture alone gets its own folder only, unless --index asks, or
/// OUT already has an index, which is then kept current.</summary>
public sealed class SingleCaptureIndexTests : IDisposable
{
    private readonly TemporaryFolder _folders = new("tsharkrst-index-");

    public void Dispose() => _folders.Dispose();

    private string TempFolder() => _folders.NewFolder();

    private static readonly string[] IndexFiles = ["index.html", "index.md", "resets.csv", "resets.ndjson", "summary.json"];

    private static string[] TopFiles(string output) =>
        Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task One_capture_gets_its_folder_and_no_index()
    {
        var output = TempFolder();
        var (exit, stdout, stderr) = await RunAsync("analyze", Path.Combine(Repository.Captures, "closed-port.pcapng"), "-o", output);
        Assert.True(exit == 0, stderr);
        Assert.Empty(TopFiles(output));
        Assert.Equal($"1 of 1 captures analysed; reports in {output}\n", stdout[stdout.IndexOf("1 of 1", StringComparison.Ordinal)..].ReplaceLineEndings("\n"));
        Assert.Equal(["connections.csv", "evidence.pcapng", "findings.json", "packets.csv", "report.html", "summary.md"],
            Directory.GetFiles(Path.Combine(output, "closed-port.pcapng")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_index_option_writes_it_for_one_capture_and_a_later_single_capture_keeps_it_current()
    {
        var output = TempFolder();
        var (exit, stdout, stderr) = await RunAsync("analyze", Path.Combine(Repository.Captures, "closed-port.pcapng"), "-o", output, "--index");
        Assert.True(exit == 0, stderr);
        Assert.Equal(IndexFiles, TopFiles(output));
        Assert.Contains($"; index: {Path.Combine(output, "index.html")}", stdout);

        // An index already there is rebuilt with the next capture, asked or not, so it never leaves one out.
        (exit, _, stderr) = await RunAsync("analyze", Path.Combine(Repository.Captures, "firewall-reject.pcapng"), "-o", output);
        Assert.True(exit == 0, stderr);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "resets.csv")).Length); // the header and one reset of each
    }

    [Fact]
    public async Task A_folder_of_one_capture_is_a_batch_and_gets_the_index()
    {
        var input = TempFolder();
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(input, "closed-port.pcapng"));
        var output = TempFolder();
        var (exit, _, stderr) = await RunAsync("analyze", input, "-o", output);
        Assert.True(exit == 0, stderr);
        Assert.Equal(IndexFiles, TopFiles(output));
    }
}
