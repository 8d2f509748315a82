using TsharkRst.Analysis;
using TsharkRst.Batch;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Rows;
using TsharkRst.Tests.Capture;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Captures read one after another through a tshark they share (<see cref="TsharkPool"/>) come out as each
/// comes out of a tshark of its own: every output file, byte for byte.</summary>
public class SharedTsharkTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("tsharkrst-shared-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_fixture_read_through_shared_tsharks_comes_out_as_read_by_its_own()
    {
        var root = _folder.NewFolder();
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);
        var shared = 0;
        foreach (var scenario in FixtureAnalyses.Scenarios)
        {
            var alone = await FixtureAnalyses.AnalyzeAsync(scenario);
            // A fixture with a key log is read by a tshark given the keys, never a shared one.
            if (FixtureAnalyses.Expected(scenario)["tlsKeys"] is not null)
                continue;
            var path = FixtureAnalyses.CapturePath(scenario);
            await AnalyzeAsync(pool, path, root);
            AssertSameOutputs(alone.OutputFolder!, Path.Combine(root, Path.GetFileName(path)));
            shared++;
        }
        // The lab's captures share hosts, and most their client ports too; still, far fewer tsharks than captures.
        Assert.InRange(pool.Started, 1, shared / 2);
    }

    [Fact]
    public async Task Two_captures_of_the_same_hosts_and_names_share_one_tshark_and_keep_their_own_names()
    {
        // The same client, DNS server and names in both; shop.example is 198.51.100.10 in a, 198.51.100.20 in b, where
        // 198.51.100.10 is api.example. tshark keeps DNS and TLS state per conversation, and no conversation repeats.
        var root = _folder.NewFolder();
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);
        string[] scenarios = ["dns-name-reset-a", "dns-name-reset-b"];

        var results = new List<CaptureResult>();
        foreach (var scenario in scenarios)
            results.Add(await AnalyzeAsync(pool, FixtureAnalyses.CapturePath(scenario), root));

        Assert.Equal(1, pool.Started);
        Assert.Equal(["198.51.100.10 shop.example shop.example"], Names(results[0]));
        Assert.Equal(["198.51.100.20 shop.example shop.example", "198.51.100.10 api.example api.example"], Names(results[1]));
        foreach (var scenario in scenarios)
            AssertSameOutputs((await FixtureAnalyses.AnalyzeAsync(scenario)).OutputFolder!, Path.Combine(root, Path.GetFileName(FixtureAnalyses.CapturePath(scenario))));
    }

    [Fact]
    public async Task Once_every_capture_expected_has_settled_the_tsharks_left_are_let_go()
    {
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);
        pool.Warm();
        pool.Expect(2);

        pool.Settle();
        Assert.Equal(1, pool.Idle);
        pool.Settle();
        Assert.Equal(0, pool.Idle);

        // A capture that comes all the same still gets a tshark: a new one.
        var late = await AnalyzeAsync(pool, FixtureAnalyses.CapturePath("firewall-reject"), _folder.NewFolder());
        Assert.True(late.Succeeded, late.Failure);
        Assert.Equal(2, pool.Started);
        Assert.Equal(0, pool.Idle);
    }

    [Fact]
    public async Task A_batch_lets_the_pool_go_once_its_last_capture_is_dissected()
    {
        var root = _folder.NewFolder();
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 2);
        var settings = new AnalysisSettings { Formats = OutputFormats.Json };
        var batch = new BatchRunner(settings, new BatchSettings { Jobs = 2 }, TsharkProgram.Default.GetVersionAsync(), root, pool);
        // Two captures with a RST (through the pool), one without (no tshark), one that is no capture at all.
        var empty = Path.Combine(root, "empty.pcap");
        File.WriteAllBytes(empty, []);
        CaptureInput[] captures = [.. new[] { "firewall-reject", "closed-port", "clean-fin-tls" }
            .Select(s => new CaptureInput(FixtureAnalyses.CapturePath(s), s)), new CaptureInput(empty, "empty")];

        var outcomes = await batch.RunAsync(captures, new Silent(), CancellationToken.None);

        Assert.Equal([OutcomeKind.Analysed, OutcomeKind.Analysed, OutcomeKind.Analysed, OutcomeKind.Failed], outcomes.Select(o => o.Kind));
        Assert.Equal(0, pool.Idle);
        Assert.InRange(pool.Started, 1, 2);
    }

    private sealed class Silent : IBatchObserver
    {
        public void Started(CaptureInput capture, long bytes)
        {
        }

        public void Finished(CaptureOutcome outcome, long bytes)
        {
        }
    }

    /// <summary>Each reset's server, the names DNS gave it, and the SNI, as findings.json writes them.</summary>
    private static IEnumerable<string> Names(CaptureResult result) =>
        FindingsJson.ToJson(result.Document!)["resets"]!.AsArray().Select(reset =>
            $"{reset!["server"]!["ip"]} {string.Join(',', reset["serverNames"]!.AsArray().Select(n => n!.GetValue<string>()))} {reset["tls"]!["sni"]}");

    [Fact]
    public async Task A_capture_whose_connections_the_tshark_has_read_goes_to_a_fresh_one()
    {
        var path = FixtureAnalyses.CapturePath("http-request-rst");
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);

        var first = _folder.NewFolder();
        var second = _folder.NewFolder();
        await AnalyzeAsync(pool, path, first);
        await AnalyzeAsync(pool, path, second);

        Assert.Equal(2, pool.Started);
        var alone = (await FixtureAnalyses.AnalyzeAsync("http-request-rst")).OutputFolder!;
        AssertSameOutputs(alone, Path.Combine(first, Path.GetFileName(path)));
        AssertSameOutputs(alone, Path.Combine(second, Path.GetFileName(path)));
    }

    [Fact]
    public async Task A_capture_of_more_frames_than_a_shared_tshark_holds_gets_its_own()
    {
        // One connection reset after MaxCaptureFrames of data: a shared tshark would hold all its rows at once.
        var path = Path.Combine(_folder.FullName, "long.pcap");
        var frames = (int)TsharkPool.MaxCaptureFrames + 1;
        File.WriteAllBytes(path, CaptureFile.Pcap(101, Enumerable.Range(0, frames).Select(i => (1_795_000_000_000_000_000L + i * 1_000_000L,
            i < frames - 1
                ? Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40000, 80, 1000 + (uint)i * 10, 1, TcpFlags.Ack | TcpFlags.Psh, payload: 10))
                : Frames.Ipv4("198.51.100.10", "192.0.2.10", 6, Frames.Tcp(80, 40000, 1, 1000 + (uint)i * 10, TcpFlags.Rst | TcpFlags.Ack))))));
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);

        var result = await AnalyzeAsync(pool, path, _folder.NewFolder());

        Assert.Equal(0, pool.Started);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(frames, result.Document!.Capture.Packets);
        Assert.Equal(frames, Assert.Single(result.Document.Resets).RstFrame);
    }

    [Fact]
    public async Task A_connection_tshark_joins_to_an_earlier_captures_is_read_again_alone()
    {
        // The same TCP connection inside Geneve (a tunnel the triage pass does not open), under two different outer UDP
        // conversations: the check of conversations (told here, against the port rule, that both may share) cannot see
        // it; tshark's numbering of tcp.stream can.
        string Section(int outerPort)
        {
            var inner = Frames.Ethernet("02:00:00:00:01:10", "02:00:00:00:02:10", 0x0800,
                Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40000, 443, 1000, 0, TcpFlags.Syn)));
            byte[] geneve = [0, 0, 0x65, 0x58, 0, 0, 1, 0, .. inner];
            var outer = Frames.Ipv4("203.0.113.1", "203.0.113.2", 17, Frames.Udp(outerPort, 6081, geneve));
            var pcap = Path.Combine(_folder.FullName, $"geneve-{outerPort}.pcap");
            File.WriteAllBytes(pcap, CaptureFile.Pcap(101, [(1_795_000_000_000_000_000L, outer)]));
            var section = Path.ChangeExtension(pcap, ".pcapng");
            using (var reader = CaptureReader.Open(pcap)!)
            using (var file = File.Create(section))
                CaptureExtract.Copy(reader, [1L], new PcapngWriter(file), frame => new PacketNote(frame));
            return section;
        }
        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1);
        async Task<(TsharkRunResult? Run, string? Stopped, long? TcpStream)> ReadAsync(string path)
        {
            var rows = new List<PacketRecord>();
            var (run, stopped) = await pool.ReadAsync(path, SectionConversations.Read(path) with { Shareable = true }, frame => frame,
                rows.Add, TimeSpan.FromMinutes(2), CancellationToken.None);
            return (run, stopped, Assert.Single(rows).Row.TcpStream);
        }

        var first = await ReadAsync(Section(50000));
        var second = await ReadAsync(Section(50001));
        var third = await ReadAsync(Section(50002));

        Assert.NotNull(first.Run);
        Assert.Equal(0, first.TcpStream);
        // Read again alone by the caller (not stopped: no error to name); the rows it had were tshark's stream 0 again.
        Assert.Equal((null, null, -1L), (second.Run, second.Stopped, second.TcpStream));
        // The tshark that joined them is not kept: the third capture gets a fresh one, where its connection is new.
        Assert.NotNull(third.Run);
        Assert.Equal(0, third.TcpStream);
        Assert.Equal(2, pool.Started);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_shared_tshark_that_dies_mid_stream_takes_only_the_capture_it_was_reading()
    {
        // tshark as it is, but killed (exit 3) once it writes a row of PostgreSQL (protocols ending in ":pgsql", which
        // the header's pgsql field names are not): in the middle of pg-query-reset, with rows of that capture to come.
        // Its standard input is handed on by hand: a command started with & would read /dev/null.
        var tshark = Path.Combine(_folder.FullName, "tshark");
        File.WriteAllText(tshark, $$"""
            #!/bin/sh
            pid=$(mktemp)
            exec 3<&0
            { '{{TsharkProgram.Default.Path}}' "$@" <&3 3<&- & echo $! > "$pid"; wait $!; } | while IFS= read -r line; do
              printf '%s\n' "$line"
              case "$line" in *:pgsql*) kill -9 "$(cat "$pid")"; rm -f "$pid"; exit 3 ;; esac
            done
            status=$?
            rm -f "$pid"
            exit $status
            """);
        File.SetUnixFileMode(tshark, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var program = new TsharkProgram(tshark);
        var root = _folder.NewFolder();
        await using var pool = new TsharkPool(program, TsharkFields.BuiltIn, size: 1);
        string[] scenarios = ["closed-port", "pg-query-reset", "firewall-reject"];

        var results = new List<CaptureResult>();
        foreach (var scenario in scenarios)
            results.Add(await AnalyzeAsync(pool, FixtureAnalyses.CapturePath(scenario), root, program));

        // The first and the last are read in full, through the first tshark and a second one started after it died.
        Assert.Equal(2, pool.Started);
        foreach (var i in new[] { 0, 2 })
            AssertSameOutputs((await FixtureAnalyses.AnalyzeAsync(scenarios[i])).OutputFolder!, Path.Combine(root, Path.GetFileName(FixtureAnalyses.CapturePath(scenarios[i]))));
        // The culprit is read again by a tshark of its own, which dies too: both are named in its errors.
        var culprit = results[1];
        Assert.True(culprit.Succeeded, culprit.Failure);
        var errors = culprit.Document!.Errors;
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("The tshark this capture shared with others stopped while reading it (tshark exited with code 3 after ", errors[0], StringComparison.Ordinal);
        Assert.EndsWith("; it was read again by a tshark of its own.", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("tshark exited with code 3 after ", errors[1], StringComparison.Ordinal);
        Assert.Contains("tshark did not read it as TCP", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_shared_tshark_that_has_handed_over_every_row_is_killed_not_left_to_end_its_input()
    {
        // tshark as it is, and a mark once it has ended by itself (its first two arguments): one killed never leaves it.
        var marks = Path.Combine(_folder.FullName, "ended-by-itself");
        var tshark = Path.Combine(_folder.FullName, "tshark");
        File.WriteAllText(tshark, $"#!/bin/sh\n'{TsharkProgram.Default.Path}' \"$@\"\nstatus=$?\necho \"$1 $2\" >> '{marks}'\nexit $status\n");
        File.SetUnixFileMode(tshark, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var program = new TsharkProgram(tshark);
        // An empty input, read to its end: tshark complains and exits by itself.
        await ProcessRunner.RunAsync(new ProcessCommand(tshark, ["-r", TsharkDissection.StandardInput]), (stdout, ct) => stdout.CopyToAsync(Stream.Null, ct));
        Assert.Equal(["-r -"], File.ReadAllLines(marks));

        var pool = new TsharkPool(program, TsharkFields.BuiltIn, size: 1);
        pool.Expect(1);
        var result = await AnalyzeAsync(pool, FixtureAnalyses.CapturePath("firewall-reject"), _folder.NewFolder(), program);
        pool.Settle();
        await pool.DisposeAsync();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(1, pool.Started);
        // Only the check above read its input to the end; tshark's version and field probes end by themselves too.
        Assert.Single(File.ReadAllLines(marks), mark => mark == "-r -");
    }

    [Fact]
    public async Task A_tshark_started_before_the_command_line_was_parsed_is_taken_by_the_pool_of_its_tshark_only()
    {
        var capture = FixtureAnalyses.CapturePath("firewall-reject");
        await using var early = EarlyTshark.StartFor(["analyze", capture]);
        Assert.NotNull(early);

        // Another tshark's pool starts its own, and so does a pool asking other fields.
        await using (var other = new TsharkPool(new TsharkProgram(TsharkProgram.Default.Path + "-other"), TsharkFields.BuiltIn, size: 1, early))
            Assert.Equal((0, 0), (other.Started, other.Idle));
        await using (var other = new TsharkPool(TsharkProgram.Default, TsharkFields.Parse("frame.number\ntcp.stream\n"), size: 1, early))
            Assert.Equal((0, 0), (other.Started, other.Idle));

        await using var pool = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1, early);
        Assert.Equal((1, 1), (pool.Started, pool.Idle));
        var root = _folder.NewFolder();
        var result = await AnalyzeAsync(pool, capture, root);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(1, pool.Started);
        AssertSameOutputs((await FixtureAnalyses.AnalyzeAsync("firewall-reject")).OutputFolder!, Path.Combine(root, Path.GetFileName(capture)));
        // Taken once: a second pool starts its own.
        await using var second = new TsharkPool(TsharkProgram.Default, TsharkFields.BuiltIn, size: 1, early);
        Assert.Equal(0, second.Started);
    }

    private static async Task<CaptureResult> AnalyzeAsync(TsharkPool pool, string path, string root, TsharkProgram? tshark = null)
    {
        var settings = new AnalysisSettings { Tshark = tshark ?? TsharkProgram.Default, Timeout = TimeSpan.FromMinutes(2) };
        var analyzer = new CaptureAnalyzer(settings, TsharkProgram.Default.GetVersionAsync(), pool);
        return (await analyzer.AnalyzeAsync(new CaptureInput(path, Path.GetFileName(path)), root, CancellationToken.None)).Single();
    }

    private static void AssertSameOutputs(string expectedFolder, string actualFolder)
    {
        var expected = Directory.GetFiles(expectedFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Directory.GetFiles(actualFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        foreach (var name in expected)
            Assert.True(File.ReadAllBytes(Path.Combine(expectedFolder, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualFolder, name!))),
                $"{name} of {Path.GetFileName(actualFolder)} differs from the one its own tshark gave");
    }
}
