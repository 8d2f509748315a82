using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Text;
using CliWrap;

namespace TsharkRst.Processes;

/// <summary>Runs one child process through CliWrap: standard input is written by the command's writer,
/// standard output is handed to a reader while the process runs, standard error is drained at the same
/// time into a bounded tail, and cancellation, the time limit or a failed reader kills the whole process
/// tree. The exit code is judged here, not by CliWrap.</summary>
public static class ProcessRunner
{
    /// <summary>Bytes asked of the output pipe per read: as much as a Linux pipe holds. CliWrap's line
    /// delegate reads 1 KiB at a time and took 2.6 times the CPU to read tshark's lines (README).</summary>
    public const int ReadSize = 64 << 10;

    /// <summary>Runs <paramref name="command"/>, passing its standard output to
    /// <paramref name="readStdout"/>, and returns how it ended without judging the exit code.</summary>
    /// <param name="started">told the child's process ID once it runs</param>
    /// <exception cref="ProgramNotFoundException">The program could not be started.</exception>
    /// <exception cref="ProcessTimeoutException">The time limit passed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public static async Task<ProcessResult> RunAsync(
        ProcessCommand command,
        Func<Stream, CancellationToken, Task> readStdout,
        CancellationToken cancellationToken = default,
        string notFoundHint = "",
        Action<int>? started = null)
    {
        using var timeout = new CancellationTokenSource();
        if (command.Timeout is { } limit)
            timeout.CancelAfter(limit);
        // CliWrap kills the process tree when this is cancelled: by the caller, the time limit or a failed reader.
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // Stops the writer too once the child is gone: one that waits for more to write would wait forever.
        using var exited = CancellationTokenSource.CreateLinkedTokenSource(kill.Token);
        var stderrTail = new BoundedTail(command.StderrTailChars);
        ExceptionDispatchInfo? readerFailure = null;
        Task writing = Task.CompletedTask;

        var cli = Cli.Wrap(command.Program)
            .WithArguments(command.Arguments)
            .WithEnvironmentVariables(command.Environment)
            .WithStandardInputPipe(command.StandardInput is { } writeStdin
                // The writer stops on our cancellation or the child's exit, not CliWrap's: an early exit breaks the pipe.
                ? PipeSource.Create((stdin, _) => writing = FeedAsync(stdin, writeStdin, exited.Token))
                : PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.Create(async (stdout, ct) =>
            {
                try
                {
                    await readStdout(stdout, ct).ConfigureAwait(false);
                    // Whatever the reader left unread must still be drained, or the child blocks on a full pipe.
                    await stdout.CopyToAsync(Stream.Null, ReadSize, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!kill.IsCancellationRequested)
                {
                    // Stop the child rather than leave it writing into a pipe nobody reads.
                    readerFailure = ExceptionDispatchInfo.Capture(ex);
                    await kill.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            }))
            .WithStandardErrorPipe(PipeTarget.Create(stderrTail.ReadAsync))
            .WithValidation(CommandResultValidation.None);

        CommandTask<CommandResult> running;
        try
        {
            running = cli.ExecuteAsync(kill.Token);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new ProgramNotFoundException(command.Program, notFoundHint, ex);
        }
        started?.Invoke(running.ProcessId);

        try
        {
            var result = await running.ConfigureAwait(false);
            // CliWrap stops waiting for the writer once the child exits; what the writer does still counts.
            await exited.CancelAsync().ConfigureAwait(false);
            await writing.ConfigureAwait(false);
            return new ProcessResult(result.ExitCode, stderrTail.ToString(), result.RunTime);
        }
        catch (Exception ex) when (kill.IsCancellationRequested)
        {
            readerFailure?.Throw();
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new ProcessTimeoutException(command, command.Timeout!.Value);
            throw new OperationCanceledException("The run was cancelled.", ex, cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="command"/> and returns its whole standard output; a non-zero exit
    /// code is an error. For short-lived commands whose output is small (versions, field lists).</summary>
    /// <exception cref="ProcessFailedException">The program exited with a non-zero code.</exception>
    public static async Task<string> ReadAllAsync(
        ProcessCommand command, CancellationToken cancellationToken = default, string notFoundHint = "")
    {
        var output = "";
        var result = await RunAsync(
            command,
            async (stdout, ct) =>
            {
                using var reader = new StreamReader(stdout, new UTF8Encoding(false), false, ReadSize, leaveOpen: true);
                output = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            },
            cancellationToken,
            notFoundHint).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new ProcessFailedException(command, result);
        return output;
    }

    /// <summary>Writes the child's input off CliWrap's thread (a writer that blocks must not hold up the
    /// reading of its output), through a buffer: the pipe is not buffered, and a writer of a pcapng block at a time
    /// made a system call a packet (340,000 in the worst case). The child sees what is written when the writer
    /// flushes or is done. A child that stops reading early breaks the pipe: its exit code and standard error say
    /// why, so that is not thrown.</summary>
    private static async Task FeedAsync(Stream stdin, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            var buffered = new BufferedStream(stdin, ReadSize);
            // Always run, even when the child is already gone: the writer is the one to see the token and finish.
            await Task.Run(() => write(buffered, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException ||
                                   (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The child closed its end, or exited and CliWrap closed ours (the caller's cancellation is thrown by the run).
        }
    }
}
