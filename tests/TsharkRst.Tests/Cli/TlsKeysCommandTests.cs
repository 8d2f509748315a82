using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json.Nodes;
using static TsharkRst.Tests.Cli.AnalyzeCommandTests;

namespace TsharkRst.Tests.Cli;

/// <summary>TLS keys: --tls-keys, keys inside a pcapng, and evidence.pcapng that keeps none unless asked.</summary>
public sealed class TlsKeysCommandTests : IDisposable
{
    private readonly TemporaryFolder _folders = new("tsharkrst-tls-keys-");

    public void Dispose() => _folders.Dispose();

    private string TempFolder() => _folders.NewFolder();

    private static readonly string Capture = Path.Combine(Repository.Captures, "tls-keylog.pcapng");
    private static readonly string Keys = Path.Combine(Repository.Captures, "tls-keylog.keys");

    private static JsonObject Reset(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, "tls-keylog.pcapng", "findings.json")))!["resets"]![0]!.AsObject();

    /// <summary>The types of the pcapng blocks in <paramref name="path"/> (little-endian, as this tool writes them).</summary>
    private static List<uint> BlockTypes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var types = new List<uint>();
        for (var offset = 0; offset + 8 <= bytes.Length;)
        {
            types.Add(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)));
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        }
        return types;
    }

    [Fact]
    public async Task With_the_key_log_the_alert_is_read_by_name_and_evidence_keeps_no_secret_unless_asked()
    {
        var plain = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", Capture, "-o", plain, "--format", "json")).Exit);
        Assert.Null(Reset(plain)["tls"]!["alert"]!["description"]);

        var keyed = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", Capture, "-o", keyed, "--tls-keys", Keys, "--format", "json,pcap")).Exit);
        Assert.Equal("certificate_required", Reset(keyed)["tls"]!["alert"]!["description"]!.GetValue<string>());
        Assert.Equal("/account", Reset(keyed)["http"]!["uri"]!.GetValue<string>());
        Assert.DoesNotContain(10u, BlockTypes(Path.Combine(keyed, "tls-keylog.pcapng", "evidence.pcapng")));

        var kept = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", Capture, "-o", kept, "--tls-keys", Keys, "--keep-secrets", "--format", "pcap")).Exit);
        Assert.Contains(10u, BlockTypes(Path.Combine(kept, "tls-keylog.pcapng", "evidence.pcapng")));
    }

    [Fact]
    public async Task Keys_inside_a_pcapng_are_used_without_the_option()
    {
        var folder = TempFolder();
        var withSecrets = Path.Combine(folder, "tls-keylog.pcapng");
        using (var editcap = Process.Start(new ProcessStartInfo("editcap", ["--inject-secrets", $"tls,{Keys}", Capture, withSecrets])
        { RedirectStandardError = true })!)
        {
            await editcap.WaitForExitAsync();
            Assert.Equal(0, editcap.ExitCode);
        }
        var output = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", withSecrets, "-o", output, "--format", "json")).Exit);
        Assert.Equal("certificate_required", Reset(output)["tls"]!["alert"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keep_secrets_on_a_capture_without_a_RST_writes_an_evidence_file_with_the_keys()
    {
        var output = TempFolder();
        var clean = Path.Combine(Repository.Captures, "clean-fin-tls.pcapng");
        var (exit, _, stderr) = await RunAsync("analyze", clean, "-o", output, "--tls-keys", Keys, "--keep-secrets", "--format", "json,pcap");
        Assert.True(exit == 0, stderr);
        Assert.Equal([], JsonNode.Parse(File.ReadAllText(Path.Combine(output, "clean-fin-tls.pcapng", "findings.json")))!["errors"]!.AsArray());
        var blocks = BlockTypes(Path.Combine(output, "clean-fin-tls.pcapng", "evidence.pcapng"));
        Assert.Contains(10u, blocks);
        Assert.DoesNotContain(6u, blocks);
    }

    [Fact]
    public async Task A_file_that_is_no_key_log_stops_the_run_before_any_capture_is_read()
    {
        var output = TempFolder();
        var (exit, _, stderr) = await RunAsync("analyze", Capture, "-o", output, "--tls-keys", Capture);
        Assert.Equal(2, exit);
        Assert.Contains("--tls-keys: ", stderr);
        Assert.Contains("is not a TLS key log", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }
}
