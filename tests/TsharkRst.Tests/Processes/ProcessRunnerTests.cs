using System.Text;
using TsharkRst.Processes;

namespace TsharkRst.Tests.Processes;

/// <summary>The runner against a fake child program: /bin/sh scripts that behave like a misbehaving tshark.</summary>
public class ProcessRunnerTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static ProcessCommand Sh(string script) => new("/bin/sh", ["-c", script]);

    private static async Task<List<string>> LinesAsync(Stream stdout, CancellationToken ct)
    {
        using var reader = new StreamReader(stdout, leaveOpen: true);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
            lines.Add(line);
        return lines;
    }

    /// <summary>A reader that keeps each line of the output, trimmed, and tells <paramref name="seen"/> once one has come.</summary>
    private static Func<Stream, CancellationToken, Task> KeepLines(List<string> lines, TaskCompletionSource seen) => async (stdout, ct) =>
    {
        using var reader = new StreamReader(stdout, leaveOpen: true);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line.Trim());
            seen.TrySetResult();
        }
    };

    [Fact]
    public async Task Big_stdout_and_stderr_at_once_do_not_deadlock_and_stderr_stays_bounded()
    {
        // 8 MB on stdout and 2 MB on stderr, interleaved: either pipe filling up would hang a naive runner.
        var command = Sh("i=0; while [ $i -lt 200 ]; do head -c 40000 /dev/zero | tr '\\0' o; head -c 10000 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done")
            with
        { StderrTailChars = 1000 };
        long read = 0;
        var result = await ProcessRunner.RunAsync(command, async (stdout, ct) =>
        {
            var buffer = new byte[8192];
            int n;
            while ((n = await stdout.ReadAsync(buffer, ct)) > 0)
            {
                Assert.All(buffer.Take(n), b => Assert.Equal((byte)'o', b));
                read += n;
            }
        }).WaitAsync(Hang);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(8_000_000, read);
        Assert.Equal(1000, result.StderrTail.Length);
        Assert.All(result.StderrTail, c => Assert.Equal('e', c));
    }

    [Fact]
    public async Task A_non_zero_exit_reports_the_exit_code_the_command_line_and_stderr()
    {
        var ex = await Assert.ThrowsAsync<ProcessFailedException>(() => ProcessRunner.ReadAllAsync(Sh("echo partial; echo 'boom: bad file' >&2; exit 3")));
        Assert.Equal(3, ex.Result.ExitCode);
        Assert.Equal("boom: bad file\n", ex.Result.StderrTail);
        Assert.Equal("sh exited with code 3. Command: /bin/sh -c 'echo partial; echo '\\''boom: bad file'\\'' >&2; exit 3'" +
                     $"{Environment.NewLine}It said: boom: bad file", ex.Message);
    }

    [Fact]
    public async Task A_non_zero_exit_is_returned_not_thrown_when_the_caller_reads_the_stream()
    {
        List<string> lines = [];
        var result = await ProcessRunner.RunAsync(Sh("echo one; echo two; echo cut short >&2; exit 2"),
            async (stdout, ct) => lines = await LinesAsync(stdout, ct));
        Assert.Equal(["one", "two"], lines);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cut short\n", result.StderrTail);
    }

    [Fact]
    public async Task Arguments_reach_the_program_exactly_as_listed()
    {
        // CliWrap joins the list into one escaped string, which .NET splits again: nothing may be lost.
        string[] arguments = ["a b", "", "it's", "say \"hi\"", "back\\slash\\", "\\\"", "tab\there", "aggregator=\u001f", "ünï"];
        var output = await ProcessRunner.ReadAllAsync(new ProcessCommand("/bin/sh", ["-c", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done", "sh", .. arguments]));
        Assert.Equal(string.Concat(arguments.Select(a => $"[{a}]\n")), output);
    }

    [Fact]
    public async Task Standard_input_is_streamed_to_the_program_while_its_output_is_read()
    {
        // The writer sends the second line only after the reader saw the first come back: input held back
        // until the writer finished, or output read only at exit, would hang here.
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = new ProcessCommand("cat", [])
        {
            StandardInput = async (stdin, ct) =>
            {
                await stdin.WriteAsync("first\n"u8.ToArray(), ct);
                await stdin.FlushAsync(ct);
                await firstSeen.Task.WaitAsync(ct);
                await stdin.WriteAsync("second\n"u8.ToArray(), ct);
            },
        };
        var lines = new List<string>();
        var result = await ProcessRunner.RunAsync(command, KeepLines(lines, firstSeen)).WaitAsync(Hang);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["first", "second"], lines);
    }

    [Fact]
    public async Task A_program_that_exits_without_reading_its_input_is_not_an_error_and_the_writer_finishes_first()
    {
        var writerDone = false;
        var command = Sh("echo refused >&2; exit 3") with
        {
            StandardInput = async (stdin, ct) =>
            {
                var chunk = new byte[64 << 10];
                try
                {
                    for (var i = 0; i < 160; i++)
                        await stdin.WriteAsync(chunk, ct);
                }
                finally
                {
                    writerDone = true;
                }
            },
        };
        var result = await ProcessRunner.RunAsync(command, (stdout, ct) => stdout.CopyToAsync(Stream.Null, ct)).WaitAsync(Hang);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("refused\n", result.StderrTail);
        Assert.True(writerDone);
    }

    [Fact]
    public async Task A_reader_that_fails_stops_the_program_and_its_error_is_what_the_caller_gets()
    {
        var pid = 0;
        var ex = await Assert.ThrowsAsync<FormatException>(() => ProcessRunner.RunAsync(
            Sh("echo $$; exec yes"),
            async (stdout, ct) =>
            {
                using var reader = new StreamReader(stdout, leaveOpen: true);
                pid = int.Parse((await reader.ReadLineAsync(ct))!);
                throw new FormatException("row 2: not a number");
            }).WaitAsync(Hang));
        Assert.Equal("row 2: not a number", ex.Message);
        Assert.True(await GoneAsync(pid), $"the program {pid} outlived its reader");
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_process_tree()
    {
        using var cancel = new CancellationTokenSource();
        var sleeperPid = 0;
        await Assert.ThrowsAsync<OperationCanceledException>(() => ProcessRunner.RunAsync(
            Sh("sleep 60 & echo $!; wait"),
            async (stdout, ct) =>
            {
                using var reader = new StreamReader(stdout, leaveOpen: true);
                sleeperPid = int.Parse((await reader.ReadLineAsync(ct))!);
                cancel.Cancel();
                await reader.ReadToEndAsync(ct);
            },
            cancel.Token).WaitAsync(Hang));
        Assert.True(sleeperPid > 0);
        Assert.True(await GoneAsync(sleeperPid), $"the grandchild {sleeperPid} outlived the cancellation");
    }

    [Fact]
    public async Task Cancelling_while_the_writer_waits_kills_the_program_and_stops_the_writer()
    {
        using var cancel = new CancellationTokenSource();
        var pid = 0;
        var command = Sh("echo $$; exec cat") with
        {
            StandardInput = (stdin, ct) => Task.Delay(Timeout.Infinite, ct),
        };
        await Assert.ThrowsAsync<OperationCanceledException>(() => ProcessRunner.RunAsync(command, async (stdout, ct) =>
        {
            using var reader = new StreamReader(stdout, leaveOpen: true);
            pid = int.Parse((await reader.ReadLineAsync(ct))!);
            cancel.Cancel();
            await reader.ReadToEndAsync(ct);
        }, cancel.Token).WaitAsync(Hang));
        Assert.True(await GoneAsync(pid), $"the program {pid} outlived the cancellation");
    }

    [Fact]
    public async Task The_time_limit_kills_the_process_and_says_so()
    {
        var command = Sh("sleep 60") with { Timeout = TimeSpan.FromMilliseconds(300) };
        var ex = await Assert.ThrowsAsync<ProcessTimeoutException>(() => ProcessRunner.ReadAllAsync(command).WaitAsync(Hang));
        Assert.Equal("sh ran longer than 0.3 s and was stopped. Raise the limit with --timeout. Command: /bin/sh -c 'sleep 60'", ex.Message);
    }

    [Fact]
    public async Task A_missing_program_fails_at_once_with_the_install_hint()
    {
        var ex = await Assert.ThrowsAsync<ProgramNotFoundException>(() =>
            ProcessRunner.ReadAllAsync(new ProcessCommand("tsharkrst-no-such-program", ["-v"]), notFoundHint: "Install it with apt."));
        Assert.Equal("tsharkrst-no-such-program", ex.Program);
        Assert.Equal("Could not start 'tsharkrst-no-such-program': it is not installed or not on PATH. Install it with apt.", ex.Message);
    }

    [Fact]
    public void The_command_line_is_shown_with_shell_quoting()
    {
        Assert.Equal("tshark -r 'my capture.pcap' -e ip.src", new ProcessCommand("tshark", ["-r", "my capture.pcap", "-e", "ip.src"]).Display);
    }

    [Fact]
    public async Task Buffered_output_reaches_the_parser_while_the_program_still_runs()
    {
        // The program writes its second row only after the parser saw the first: rows held back until
        // the program exits would hang here.
        var firstParsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = Sh("echo first; read go; echo second") with
        {
            StandardInput = async (stdin, ct) =>
            {
                await firstParsed.Task.WaitAsync(ct);
                await stdin.WriteAsync("go\n"u8.ToArray(), ct);
            },
        };
        var rows = new List<string>();
        var result = await ProcessRunner.RunAsync(command, (stdout, ct) => BufferedOutput.ParseAsync(stdout, (parsed, token) =>
        {
            using var reader = new StreamReader(parsed, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                rows.Add(line);
                firstParsed.TrySetResult();
            }
        }, ct)).WaitAsync(Hang);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["first", "second"], rows);
    }

    [Fact]
    public async Task Standard_input_written_a_byte_at_a_time_arrives_whole_and_a_flush_delivers_it_at_once()
    {
        // The writer waits for the child's answer to what it flushed: input held in the buffer would hang here.
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = Sh("read line; echo \"got $line\"; wc -c") with
        {
            StandardInput = async (stdin, ct) =>
            {
                await stdin.WriteAsync("ask\n"u8.ToArray(), ct);
                await stdin.FlushAsync(ct);
                await answered.Task.WaitAsync(ct);
                for (var i = 0; i < 100_000; i++)
                    stdin.WriteByte((byte)'x');
            },
        };
        var lines = new List<string>();
        var result = await ProcessRunner.RunAsync(command, KeepLines(lines, answered)).WaitAsync(Hang);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["got ask", "100000"], lines);
    }

    [Fact]
    public async Task The_commands_environment_reaches_the_child_on_top_of_ours()
    {
        var command = Sh("printf '%s %s' \"$TSHARKRST_TEST\" \"$PATH\"") with
        {
            Environment = new Dictionary<string, string?> { ["TSHARKRST_TEST"] = "set" },
        };
        Assert.Equal($"set {Environment.GetEnvironmentVariable("PATH")}", await ProcessRunner.ReadAllAsync(command).WaitAsync(Hang));
    }

    private static async Task<bool> GoneAsync(int pid)
    {
        // Killing is asynchronous: give the kernel a moment to reap the process.
        for (var i = 0; i < 50; i++)
        {
            if (!File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z")
                return true;
            await Task.Delay(100);
        }
        return false;
    }
}
