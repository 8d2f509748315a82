using System.Diagnostics;
using System.Text.Json.Nodes;
using TsharkRst.Batch;
using TsharkRst.Cli;

namespace TsharkRst.Tests.Cli;

/// <summary>The overnight batch: a folder of captures, some broken, run in parallel, killed and
/// resumed, split into shards and merged.</summary>
public sealed class BatchTests : IDisposable
{
    private static readonly string[] Samples =
        ["closed-port.pcapng", "firewall-reject.pcapng", "idle-timeout-conntrack.pcapng", "http-request-rst-nsec.pcap",
         "tls-alert-unknown-ca.pcapng", "data-after-fin-gz.pcap.gz", "port-scan.pcapng", "clean-fin-tls.pcapng"];

    private readonly TemporaryFolder _folders = new("tsharkrst-batch-");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _folders.Dispose();

    private string TempFolder() => _folders.NewFolder();

    /// <summary>A folder of captures from several "hosts", as a user would point the tool at.</summary>
    /// <param name="copies">each sample this many times, for a batch long enough to be stopped halfway</param>
    private string InputFolder(int copies = 1)
    {
        var input = TempFolder();
        for (var i = 0; i < Samples.Length; i++)
        {
            var host = Directory.CreateDirectory(Path.Combine(input, $"host{i % 3}")).FullName;
            // No extensions: captures are recognised by their first bytes.
            for (var copy = 0; copy < copies; copy++)
                File.Copy(Path.Combine(Repository.Captures, Samples[i]), Path.Combine(host, copy == 0 ? $"cap{i}" : $"cap{i}-{copy}"));
        }
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not a capture\n");
        return input;
    }

    private static string ExpectedFile(string capture) =>
        capture[..capture.IndexOf('.')] + ".expected.json";

    private static Dictionary<string, byte[]> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Fact]
    public async Task A_folder_with_corrupt_captures_is_analysed_with_the_failures_listed_and_exit_1()
    {
        var input = InputFolder();
        var cut = File.ReadAllBytes(Path.Combine(Repository.Captures, "firewall-reject.pcapng"));
        // A pcapng section header whose byte-order magic is zeroed: no reader can tell how to read it.
        File.WriteAllBytes(Path.Combine(input, "host0", "corrupt"), [.. cut[..8], 0, 0, 0, 0, .. cut[12..200]]);
        File.WriteAllBytes(Path.Combine(input, "host1", "garbage.pcap"), [0xd4, 0xc3, 0xb2, 0xa1, 1, 2, 3]);
        var output = TempFolder();

        var (exit, stdout, stderr) = await RunAsync("analyze", input, "-o", output, "--jobs", "2");

        Assert.Equal(1, exit);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal(Samples.Length + 2, (int)summary["totals"]!["captures"]!);
        Assert.Equal(2, (int)summary["totals"]!["failed"]!);
        Assert.Equal(Samples.Length, (int)summary["totals"]!["analysed"]!);
        var errors = summary["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(input, "host0", "corrupt") + ": ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(input, "host1", "garbage.pcap") + ": ", StringComparison.Ordinal));
        Assert.Contains("tsharkrst: " + Path.Combine(input, "host1", "garbage.pcap"), stderr);
        Assert.Contains($"{Samples.Length} of {Samples.Length + 2} captures analysed", stdout);
        Assert.Contains("Skipped 1 files that are not captures", stdout);
        // The verdict totals are the lab's labels of the samples, added up.
        var expected = Samples
            .SelectMany(name => JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Captures, ExpectedFile(name))))!["resets"]!.AsArray())
            .GroupBy(r => (string)r!["verdict"]!)
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = summary["totals"]!["verdicts"]!.AsObject().ToDictionary(v => v.Key, v => (int)v.Value!);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        foreach (var file in new[] { "index.html", "index.md", "resets.csv" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.Contains("data-status=\"failed\"", File.ReadAllText(Path.Combine(output, "index.html")));
    }

    [Fact]
    public async Task A_file_named_as_a_capture_that_is_not_one_fails_by_name_with_its_reason_and_other_files_are_counted()
    {
        var input = TempFolder();
        var siteA = Directory.CreateDirectory(Path.Combine(input, "site-a")).FullName;
        var siteB = Directory.CreateDirectory(Path.Combine(input, "site-b")).FullName;
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(siteA, "closed-port.pcapng"));
        var corrupt = Path.Combine(siteB, "corrupt.pcap");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var gzipped = Path.Combine(siteB, "CORRUPT.CAP.GZ");
        File.WriteAllText(gzipped, "not gzip either");
        var empty = Path.Combine(siteB, "empty.trc");
        File.WriteAllBytes(empty, []);
        string[] others = ["a.txt", "b.log", "c.json", "d.md", "e.pcap.txt", "f.gz", "g"];
        foreach (var other in others)
            File.WriteAllText(Path.Combine(siteA, other), "not a capture\n");
        var output = TempFolder();

        var (exit, stdout, stderr) = await RunAsync("analyze", input, "-o", output, "--jobs", "2");

        Assert.Equal(1, exit);
        const string NotACapture = "it is not a capture file tshark can read (pcap, pcapng, or one of their gzip-compressed forms).";
        string[] reasons = [$"{gzipped}: {NotACapture}", $"{corrupt}: {NotACapture}", $"{empty}: the file is empty"];
        Assert.Equal(reasons.Select(r => "tsharkrst: " + r).Order(StringComparer.Ordinal),
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Contains("1 of 4 captures analysed", stdout);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal("""{"captures":4,"analysed":1,"failed":3,"skipped":7,"resets":1,"verdicts":{"port-closed":1}}""",
            summary["totals"]!.ToJsonString());
        var skipped = others.Select(o => Path.Combine(siteA, o)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(skipped, summary["skipped"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(reasons.Order(StringComparer.Ordinal), summary["errors"]!.AsArray().Select(e => (string)e!).Order(StringComparer.Ordinal));
        var failed = summary["captures"]!.AsArray().Where(c => (string)c!["status"]! == "failed").ToList();
        Assert.Equal([gzipped, corrupt, empty], failed.Select(c => (string)c!["path"]!));
        Assert.Equal(reasons, failed.Select(c => (string)c!["failure"]!));

        var markdown = File.ReadAllText(Path.Combine(output, "index.md"));
        Assert.Contains("\n| corrupt.pcap | failed | - | 0 | - |\n", markdown);
        Assert.Contains("\n| CORRUPT.CAP.GZ | failed | - | 0 | - |\n", markdown);
        Assert.Contains($"\n- {corrupt}: {NotACapture}\n", markdown);
        Assert.Contains($"\n7 other files skipped, not captures: {string.Join(", ", skipped.Take(5))} and 2 more.\n", markdown);
        var html = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains($"<tr data-capture=\"{corrupt}\" data-status=\"failed\" class=\"failed\">\n<td>corrupt.pcap<br><small>{corrupt}: {NotACapture}</small></td>", html);
        Assert.Contains($"<div class=\"muted\" data-skipped=\"7\">7 other files skipped, not captures: {string.Join(", ", skipped.Take(5))} and 2 more.</div>", html);

        // merge counts the same from the output folder alone.
        var merged = TempFolder();
        Assert.Equal(1, (await RunAsync("merge", output, "-o", merged)).Exit);
        var remade = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")))!;
        Assert.Equal(summary["totals"]!.ToJsonString(), remade["totals"]!.ToJsonString());
        Assert.Equal(summary["skipped"]!.ToJsonString(), remade["skipped"]!.ToJsonString());
        Assert.Equal(summary["errors"]!.ToJsonString(), remade["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task Killed_mid_batch_and_rerun_gives_the_outputs_of_a_clean_run_without_redoing_what_was_complete()
    {
        // Enough captures that the kill lands mid-batch: eight small ones could all be complete before it.
        const int copies = 4;
        var input = InputFolder(copies);
        var killed = TempFolder();
        var manifest = new CaptureManifest(killed);

        using (var child = Process.Start(new ProcessStartInfo(Tool, ["analyze", input, "-o", killed, "--jobs", "1", "--quiet"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var waited = Stopwatch.StartNew();
            while (manifest.ReadAll().Count < 2 && !child.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(10);
            Assert.False(child.HasExited, "the batch finished before it could be killed");
            child.Kill(); // SIGKILL: no chance to clean up
            await child.WaitForExitAsync();
        }
        var completeAtKill = manifest.ReadAll();
        Assert.InRange(completeAtKill.Count, 2, Samples.Length * copies - 1);
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")));
        var untouched = Path.Combine(killed, completeAtKill[0].Output, "findings.json");
        var writtenAt = File.GetLastWriteTimeUtc(untouched);

        var (exit, stdout, _) = await RunAsync("analyze", input, "-o", killed, "--jobs", "1");
        Assert.Equal(0, exit);
        Assert.Equal(completeAtKill.Count, stdout.Split('\n').Count(line => line.Contains(": up to date, not redone", StringComparison.Ordinal)));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(untouched));

        var clean = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", input, "-o", clean, "--jobs", "2")).Exit);
        var expected = Snapshot(clean);
        var actual = Snapshot(killed);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, file => Assert.True(file.Value.AsSpan().SequenceEqual(actual[file.Key]), $"{file.Key} differs"));
    }

    [Theory]
    [InlineData(2, 130)] // SIGINT, Ctrl-C
    [InlineData(15, 143)] // SIGTERM
    public async Task A_signal_stops_the_tshark_children_keeps_what_is_complete_and_says_how_to_resume(int signal, int exitCode)
    {
        // Small captures go quickly: with only eight, the batch could finish between the first result and the signal.
        var input = InputFolder(copies: 8);
        var output = TempFolder();
        using var child = Process.Start(new ProcessStartInfo(Tool, ["analyze", input, "-o", output, "--jobs", "2", "--quiet"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = child.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (new CaptureManifest(output).ReadAll().Count < 1 && !child.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            await Task.Delay(10);
        Assert.False(child.HasExited, "the batch finished before it could be interrupted");
        Assert.Equal(0, Kill(child.Id, signal));
        await child.WaitForExitAsync();

        Assert.Equal(exitCode, child.ExitCode);
        Assert.Contains("run the same command again to resume", await stderr);
        Assert.DoesNotContain(Process.GetProcessesByName("tshark"), p => CommandLine(p.Id).Contains(input, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    private static string Tool => Path.Combine(Repository.Root, "src", "TsharkRst.Cli", "bin",
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "tsharkrst");

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public async Task A_rerun_redoes_only_what_changed_and_force_redoes_all()
    {
        var input = InputFolder();
        var output = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", input, "-o", output)).Exit);

        var (_, again, _) = await RunAsync("analyze", input, "-o", output);
        Assert.Equal(Samples.Length, again.Split('\n').Count(l => l.Contains(": up to date, not redone", StringComparison.Ordinal)));

        File.Copy(Path.Combine(Repository.Captures, "proxy-reject.pcapng"), Path.Combine(input, "host0", "cap0"), overwrite: true);
        var (_, changed, _) = await RunAsync("analyze", input, "-o", output);
        Assert.Equal(Samples.Length - 1, changed.Split('\n').Count(l => l.Contains(": up to date, not redone", StringComparison.Ordinal)));
        Assert.Contains($"{Path.Combine(input, "host0", "cap0")}: 1 reset in 1 connection (abortive-close 1)", changed);

        var (_, forced, _) = await RunAsync("analyze", input, "-o", output, "--force");
        Assert.DoesNotContain("up to date", forced);

        var (_, otherThreshold, _) = await RunAsync("analyze", input, "-o", output, "--idle-threshold", "30");
        Assert.DoesNotContain("up to date", otherThreshold);
    }

    [Fact]
    public async Task Merge_names_a_findings_file_it_cannot_read_instead_of_counting_it_empty()
    {
        var input = Path.Combine(TempFolder(), "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(input, "a.pcapng"));
        File.Copy(Path.Combine(Repository.Captures, "firewall-reject.pcapng"), Path.Combine(input, "b.pcapng"));
        var output = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", input, "-o", output, "--format", "json")).Exit);
        var findings = Path.Combine(output, "a.pcapng", "findings.json");
        // A verdict this version does not know, as a findings.json from another version might hold.
        File.WriteAllText(findings, File.ReadAllText(findings).Replace("\"verdict\": \"port-closed\"", "\"verdict\": \"port-shut\""));

        var merged = TempFolder();
        await RunAsync("merge", output, "-o", merged);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")))!;
        var error = Assert.Single(summary["errors"]!.AsArray().Select(e => (string)e!));
        Assert.StartsWith($"{Path.Combine(input, "a.pcapng")}: findings.json could not be read, so its resets are not in this index: ", error);
        Assert.Equal(["firewall-reject"], File.ReadAllLines(Path.Combine(merged, "resets.csv")).Skip(1)
            .Select(line => line.Split(',').First(cell => cell is "port-closed" or "firewall-reject")));
    }

    [Fact]
    public async Task Three_shards_then_merge_give_the_summary_and_resets_of_one_run()
    {
        var input = InputFolder();
        var single = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", input, "-o", single)).Exit);

        var shared = TempFolder();
        var taken = 0;
        for (var k = 0; k < 3; k++)
        {
            var (exit, stdout, _) = await RunAsync("analyze", input, "-o", shared, "--shard", $"{k}/3");
            Assert.Equal(0, exit);
            Assert.Contains($"when every shard is done: tsharkrst merge {shared}", stdout);
            taken += new CaptureManifest(shared).ReadAll().Count - taken;
        }
        Assert.Equal(Samples.Length, taken);
        Assert.False(File.Exists(Path.Combine(shared, "summary.json")));

        var (mergeExit, merged, _) = await RunAsync("merge", shared);
        Assert.Equal(0, mergeExit);
        Assert.Contains($"{Samples.Length} captures (0 failed) indexed", merged);
        foreach (var file in new[] { "summary.json", "resets.csv", "index.md", "index.html" })
            Assert.Equal(File.ReadAllText(Path.Combine(single, file)), File.ReadAllText(Path.Combine(shared, file)));
    }

    [Fact]
    public void Shards_split_the_captures_into_disjoint_shares_that_cover_them_all()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"host{i % 7}/capture-{i}.pcap").ToList();
        var shares = Enumerable.Range(0, 4).Select(k => names.Where(new Shard(k, 4).Includes).ToList()).ToList();
        Assert.Equal(names.Order(), shares.SelectMany(s => s).Order());
        Assert.All(shares, share => Assert.InRange(share.Count, 30, 70));
        Assert.False(Shard.TryParse("4/4", out _, out var error));
        Assert.Equal("--shard 4/4: K counts from 0, so it must be below N (0/4 to 3/4).", error);
    }

    [Fact]
    public async Task A_symlink_loop_is_reported_once_and_never_followed_around()
    {
        var input = InputFolder();
        Directory.CreateSymbolicLink(Path.Combine(input, "host0", "loop"), input);
        var output = TempFolder();
        var (exit, stdout, stderr) = await RunAsync("analyze", input, "-o", output);
        Assert.Equal(0, exit);
        Assert.Contains($"{Samples.Length} of {Samples.Length} captures analysed", stdout);
        Assert.Contains("tsharkrst: " + Path.Combine(input, "host0", "loop") + ": a link back to", stderr);
    }

    [Fact]
    public async Task A_resets_csv_cell_that_looks_like_a_formula_cannot_run()
    {
        var input = TempFolder();
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(input, "=HYPERLINK(\"x\").pcapng"));
        var output = TempFolder();
        Assert.Equal(0, (await RunAsync("analyze", input, "-o", output)).Exit);
        var row = File.ReadAllLines(Path.Combine(output, "resets.csv"))[1];
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\").pcapng/report.html\",", row);
    }
}
