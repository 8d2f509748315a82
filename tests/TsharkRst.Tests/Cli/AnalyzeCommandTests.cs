using System.Text.Json.Nodes;
using TsharkRst.Cli;

namespace TsharkRst.Tests.Cli;

/// <summary>The CLI in process, as a user runs it, against a temporary output folder.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TemporaryFolder _folders = new("tsharkrst-cli-");

    public void Dispose() => _folders.Dispose();

    internal static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string TempFolder() => _folders.NewFolder();

    [Fact]
    public async Task Analyze_on_the_fixtures_folder_writes_every_report_and_fails_only_the_broken_inputs()
    {
        var output = TempFolder();
        var (exit, stdout, stderr) = await RunAsync("analyze", Path.Combine(Repository.Root, "fixtures"), "-o", output);

        // fixtures/bad holds broken inputs on purpose, each named as a capture: exactly those listed as
        // failing fail, whatever their first bytes, and exit 1 says so.
        Assert.Equal(1, exit);
        var bad = Path.Combine(Repository.Root, "fixtures", "bad");
        var outcomes = JsonNode.Parse(File.ReadAllText(Path.Combine(bad, "outcomes.json")))!.AsObject();
        Assert.All(outcomes, o => Assert.True(TsharkRst.Analysis.CaptureDiscovery.IsNamedAsCapture(o.Key), o.Key));
        var failing = outcomes.Where(o => (string)o.Value! == "failed").Select(o => Path.Combine(bad, o.Key)).Order().ToList();
        var failed = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line["tsharkrst: ".Length..line.IndexOf(": ", "tsharkrst: ".Length, StringComparison.Ordinal)]).Order().ToList();
        Assert.Equal(failing, failed);

        var captures = Directory.GetFiles(Repository.Captures, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".csv", StringComparison.Ordinal) &&
                        !f.EndsWith(".keys", StringComparison.Ordinal)).ToList();
        Assert.True(captures.Count >= 6);
        foreach (var capture in captures)
        {
            var folder = Path.Combine(output, Path.GetRelativePath(Path.Combine(Repository.Root, "fixtures"), capture));
            foreach (var file in new[] { "findings.json", "summary.md", "report.html", "packets.csv", "connections.csv" })
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{folder}/{file} is missing");
            // A paired capture is dissected whole for matching; the others get the triage pass and evidence.pcapng.
            if (!capture.Contains($"{Path.DirectorySeparatorChar}pairs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                Assert.True(File.Exists(Path.Combine(folder, "evidence.pcapng")), $"{folder}/evidence.pcapng is missing");
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "findings.json")))!;
            Assert.Equal(Path.GetFileName(capture), (string)json["capture"]!["name"]!);
            Assert.Contains($"{capture}: ", stdout);
            // pairs/pairs.csv pairs NAME.client with NAME.server.
            var partner = Path.GetFileName(capture) is var name && name.Contains(".client.", StringComparison.Ordinal)
                ? name.Replace(".client.", ".server.", StringComparison.Ordinal)
                : name.Replace(".server.", ".client.", StringComparison.Ordinal);
            Assert.Equal(Path.GetDirectoryName(capture)!.EndsWith("pairs", StringComparison.Ordinal) ? partner : null, (string?)json["pair"]?["capture"]);
        }
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
    }

    [Fact]
    public async Task The_format_option_chooses_the_files()
    {
        var output = TempFolder();
        var capture = Path.Combine(Repository.Captures, "closed-port.pcapng");
        var (exit, _, _) = await RunAsync("analyze", capture, "-o", output, "--format", "json,md");
        Assert.Equal(0, exit);
        Assert.Equal(["findings.json", "summary.md"],
            Directory.GetFiles(Path.Combine(output, "closed-port.pcapng")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Bad_inputs_each_get_a_clear_message_and_the_others_still_complete()
    {
        var input = TempFolder();
        var output = TempFolder();
        var missing = Path.Combine(input, "missing.pcap");
        var text = Path.Combine(input, "notes.pcap");
        File.WriteAllText(text, "this is not a capture\n");
        var empty = Path.Combine(input, "empty.pcap");
        // A classic pcap header (Ethernet, snaplen 262144) and no packet.
        File.WriteAllBytes(empty, Convert.FromHexString("d4c3b2a1020004000000000000000000000004000100000000"[..48]));
        var good = Path.Combine(Repository.Captures, "http-request-rst-nsec.pcap");
        var truncated = Path.Combine(input, "truncated.pcap");
        // Cut in the middle of the last packet (a classic pcap has no trailer).
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..^20]);

        var (exit, stdout, stderr) = await RunAsync("analyze", missing, text, empty, truncated, good, "-o", output);

        Assert.Equal(1, exit);
        Assert.Contains($"tsharkrst: {missing}: no such file", stderr);
        Assert.Contains($"tsharkrst: {text}: it is not a capture file tshark can read", stderr);
        Assert.Contains($"{empty}: 0 resets in 0 connections", stdout);
        Assert.Contains($"{good}: 1 reset in 1 connection (request-rejected 1)", stdout);
        Assert.Contains("3 of 5 captures analysed", stdout);

        var cut = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "truncated.pcap", "findings.json")))!;
        var whole = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "http-request-rst-nsec.pcap", "findings.json")))!;
        Assert.Contains("cut short", (string)cut["errors"]![0]!);
        Assert.Equal((long)whole["capture"]!["packets"]! - 1, (long)cut["capture"]!["packets"]!);
    }

    [Fact]
    public async Task The_pcap_format_writes_only_the_evidence_capture_and_full_gives_the_same_findings()
    {
        var capture = Path.Combine(Repository.Captures, "firewall-reject.pcapng");
        var focused = TempFolder();
        var full = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", capture, "-o", focused, "--format", "pcap,json")).Exit);
        Assert.Equal(0, (await RunAsync("analyze", capture, "-o", full, "--format", "json", "--full")).Exit);
        Assert.Equal(["evidence.pcapng", "findings.json"], Directory.GetFiles(Path.Combine(focused, "firewall-reject.pcapng")).Select(Path.GetFileName).Order());
        var resets = (string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "firewall-reject.pcapng", "findings.json")))!["resets"]!.ToJsonString();
        Assert.Equal(resets(full), resets(focused));
    }

    [Fact]
    public async Task A_damaged_capture_is_analysed_up_to_the_damage_and_the_error_names_the_byte_and_frame()
    {
        var input = TempFolder();
        var output = TempFolder();
        var good = File.ReadAllBytes(Path.Combine(Repository.Captures, "closed-port.pcapng"));
        var damaged = Path.Combine(input, "damaged.pcapng");
        // An enhanced packet block whose length is 0: a reader that trusted it would loop forever.
        File.WriteAllBytes(damaged, [.. good, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

        var (exit, stdout, stderr) = await RunAsync("analyze", damaged, "-o", output, "--format", "json");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"{damaged}: 1 reset in 1 connection (port-closed 1)", stdout);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "damaged.pcapng", "findings.json")))!;
        Assert.Equal(2, (long)json["capture"]!["packets"]!);
        Assert.Equal($"The capture is damaged at byte {good.Length} (frame 3): block type 6 has length 0, not a valid block length " +
                     "(12 or more, a multiple of 4). The 2 packets before it were analysed.", (string)json["errors"]![0]!);
        Assert.Equal("port-closed", (string)json["resets"]![0]!["verdict"]!);
    }

    [Fact]
    public async Task A_gzip_capture_cut_short_is_analysed_up_to_the_cut()
    {
        var input = TempFolder();
        var output = TempFolder();
        var whole = File.ReadAllBytes(Path.Combine(Repository.Captures, "data-after-fin-gz.pcap.gz"));
        var cut = Path.Combine(input, "cut.pcap.gz");
        File.WriteAllBytes(cut, whole[..^40]);

        var (exit, _, stderr) = await RunAsync("analyze", cut, "-o", output, "--format", "json");

        Assert.True(exit == 0, stderr);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "cut.pcap.gz", "findings.json")))!;
        var error = (string)json["errors"]![0]!;
        Assert.Matches(@"^The capture is damaged at byte \d+ of its decompressed data \(frame \d+\): ", error);
        Assert.Contains("cut short", error);
        Assert.InRange((long)json["capture"]!["packets"]!, 1, 10);
    }

    [Fact]
    public async Task A_missing_tshark_is_a_sentence_with_the_install_command_and_exit_2()
    {
        var (exit, _, stderr) = await RunAsync("analyze", Repository.Captures, "--tshark", "/nonexistent/tshark");
        Assert.Equal(2, exit);
        Assert.Contains("Could not start '/nonexistent/tshark': it is not installed or not on PATH.", stderr);
        Assert.Contains("sudo apt-get install -y tshark", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("analyze", "x.pcap", "--format", "pdf")]
    [InlineData("analyze", "x.pcap", "--idle-threshold", "-1")]
    [InlineData("no-such-command")]
    public async Task Usage_errors_exit_2_and_point_to_help(params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("tsharkrst: ", stderr);
    }

    [Fact]
    public async Task Help_teaches_with_examples()
    {
        var (exit, stdout, _) = await RunAsync("analyze", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("tsharkrst analyze incident.pcapng", stdout);
        Assert.Contains("--idle-threshold", stdout);
    }

    [Fact]
    public async Task Fields_check_names_the_version_and_finds_every_field_in_the_tshark_the_tests_use()
    {
        var version = await TsharkRst.Tshark.TsharkProgram.Default.GetVersionAsync();
        var (exit, stdout, _) = await RunAsync("fields", "--check");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"tshark: {version} ({TsharkRst.Tshark.TsharkProgram.Default.Path})", lines[0]);
        Assert.Matches(@"^TShark \(Wireshark\) \d+\.\d+\.\d+$", version);
        Assert.Equal($"All {TsharkRst.Tshark.TsharkFields.BuiltIn.Names.Count} fields are known to {version}.", lines[^1]);
        // What this tshark writes otherwise, each read back the same or a summary's wording: named, never "formats differently".
        Assert.All(lines[1..^1], line => Assert.Matches("^(writes differently from 4.0, read back the same|summary worded differently from 4.0, shown as is): ", line));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Fields_check_names_a_field_this_tshark_lacks_and_still_checks_how_it_writes_the_others()
    {
        // The tshark the tests use, but one that does not know ALPN.
        var fake = Path.Combine(TempFolder(), "tshark");
        var real = TsharkRst.Tshark.TsharkProgram.Default.Path;
        File.WriteAllText(fake, $"""
            #!/bin/sh
            if [ "$1" = "-G" ]; then '{real}' -G fields | grep -v '	tls.handshake.extensions_alpn_str	'; exit 0; fi
            exec '{real}' "$@"
            """.Replace("\r", ""));
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (exit, stdout, _) = await RunAsync("fields", "--check", "--tshark", fake);

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("missing: tls.handshake.extensions_alpn_str", lines[1]);
        Assert.DoesNotContain(lines, line => line.StartsWith("formats differently", StringComparison.Ordinal));
        Assert.Matches(@"^1 of \d+ fields are unknown to TShark \(Wireshark\) \d+\.\d+\.\d+", lines[^1]);
    }

    [Fact]
    public async Task Fields_check_with_a_tshark_that_is_not_there_is_a_usage_error()
    {
        var (exit, _, stderr) = await RunAsync("fields", "--check", "--tshark", "/nonexistent/tshark");
        Assert.Equal(2, exit);
        Assert.StartsWith("tsharkrst: ", stderr);
        Assert.Contains("/nonexistent/tshark", stderr);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_stops_analyze_before_any_capture_with_its_file_line_and_column()
    {
        var folder = TempFolder();
        File.WriteAllText(Path.Combine(folder, "summary.md.sbn"), "## {{ Capture.Name }}\n{{ if }}\n");
        var output = TempFolder();
        var (exit, _, stderr) = await RunAsync("analyze", Path.Combine(Repository.Captures, "closed-port.pcapng"), "-o", output, "--templates", folder);
        Assert.Equal(2, exit);
        Assert.StartsWith($"tsharkrst: Template {Path.Combine(TsharkRst.Reports.TemplateFolder.RealPath(folder), "summary.md.sbn")} does not parse: line 2, column ", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public async Task A_template_that_does_not_parse_stops_merge_before_the_index_is_written()
    {
        var folder = TempFolder();
        File.WriteAllText(Path.Combine(folder, "index.md.sbn"), "{{ for line in CaptureLines }}");
        var output = TempFolder();
        Directory.CreateDirectory(Path.Combine(output, TsharkRst.Batch.CaptureManifest.FolderName));
        var (exit, _, stderr) = await RunAsync("merge", output, "--templates", folder);
        Assert.Equal(2, exit);
        Assert.StartsWith($"tsharkrst: Template {Path.Combine(TsharkRst.Reports.TemplateFolder.RealPath(folder), "index.md.sbn")} does not parse: line 1, column ", stderr);
        Assert.False(File.Exists(Path.Combine(output, "index.md")));
    }

    [Fact]
    public async Task Templates_export_writes_the_built_in_templates_that_analyze_then_uses()
    {
        var folder = TempFolder();
        var (exit, _, _) = await RunAsync("templates", "export", folder);
        Assert.Equal(0, exit);
        Assert.Equal(["README.md", "report.html.sbn", "summary.md.sbn"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        File.AppendAllText(Path.Combine(folder, "summary.md.sbn"), "\nCUSTOM FOOTER\n");
        var output = TempFolder();
        (exit, _, _) = await RunAsync("analyze", Path.Combine(Repository.Captures, "closed-port.pcapng"), "-o", output, "--templates", folder);
        Assert.Equal(0, exit);
        Assert.EndsWith("CUSTOM FOOTER\n", File.ReadAllText(Path.Combine(output, "closed-port.pcapng", "summary.md")));
    }
}
