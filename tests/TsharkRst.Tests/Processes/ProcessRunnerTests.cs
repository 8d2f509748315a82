using TsharkRst.Processes;

namespace TsharkRst.Tests.Processes;

/// <summary>The runner against a fake child program: /bin/sh scripts that behave like a misbehaving tshark.</summary>
public class ProcessRunnerTests
{
    private static ProcessCommand Sh(string script) => new("/bin/sh", ["-c", script]);

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
            var buffer = new char[8192];
            int n;
            while ((n = await stdout.ReadAsync(buffer, ct)) > 0)
                read += n;
        });
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
        Assert.Contains("exited with code 3", ex.Message);
        Assert.Contains("/bin/sh -c", ex.Message);
        Assert.Contains("boom: bad file", ex.Message);
    }

    [Fact]
    public async Task A_non_zero_exit_is_returned_not_thrown_when_the_caller_reads_the_stream()
    {
        var lines = new List<string>();
        var result = await ProcessRunner.RunAsync(Sh("echo one; echo two; echo cut short >&2; exit 2"), async (stdout, ct) =>
        {
            while (await stdout.ReadLineAsync(ct) is { } line)
                lines.Add(line);
        });
        Assert.Equal(["one", "two"], lines);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cut short\n", result.StderrTail);
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
                sleeperPid = int.Parse((await stdout.ReadLineAsync(ct))!);
                cancel.Cancel();
                await stdout.ReadToEndAsync(ct);
            },
            cancel.Token));
        Assert.True(sleeperPid > 0);
        Assert.True(await GoneAsync(sleeperPid), $"the grandchild {sleeperPid} outlived the cancellation");
    }

    [Fact]
    public async Task The_time_limit_kills_the_process_and_says_so()
    {
        var command = Sh("sleep 60") with { Timeout = TimeSpan.FromMilliseconds(300) };
        var ex = await Assert.ThrowsAsync<ProcessTimeoutException>(() => ProcessRunner.ReadAllAsync(command));
        Assert.Contains("ran longer than 0.3 s", ex.Message);
        Assert.Contains("--timeout", ex.Message);
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
