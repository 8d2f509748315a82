using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TsharkRst.Processes;

/// <summary>Runs one child process: stdout is handed to a reader while the process runs, stderr is
/// drained at the same time into a bounded tail, and cancellation or the time limit kills the whole
/// process tree.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="command"/>, passing its standard output to
    /// <paramref name="readStdout"/>, and returns how it ended without judging the exit code.</summary>
    /// <exception cref="ProgramNotFoundException">The program could not be started.</exception>
    /// <exception cref="ProcessTimeoutException">The time limit passed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public static async Task<ProcessResult> RunAsync(
        ProcessCommand command,
        Func<StreamReader, CancellationToken, Task> readStdout,
        CancellationToken cancellationToken = default,
        string notFoundHint = "")
    {
        var startInfo = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in command.Arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (!process.Start())
                throw new ProgramNotFoundException(command.Program, notFoundHint);
        }
        catch (Win32Exception ex)
        {
            throw new ProgramNotFoundException(command.Program, notFoundHint, ex);
        }

        using var timeout = command.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await using var killOnCancel = linked.Token.Register(() => Kill(process));

        // A child that is not given input gets its standard input closed, so it cannot wait on us.
        var stdinTask = command.StandardInput is { } writeStdin
            ? FeedAsync(process.StandardInput.BaseStream, writeStdin, linked.Token)
            : CloseAsync(process.StandardInput);
        var stderrTail = new BoundedTail(command.StderrTailChars);
        var stderrTask = DrainAsync(process.StandardError, stderrTail);
        try
        {
            await readStdout(process.StandardOutput, linked.Token).ConfigureAwait(false);
            // Whatever the reader left unread must still be drained, or the child blocks on a full pipe.
            await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, linked.Token).ConfigureAwait(false);
            await stdinTask.ConfigureAwait(false);
            await stderrTask.ConfigureAwait(false);
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || linked.IsCancellationRequested)
        {
            Kill(process);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new ProcessTimeoutException(command, command.Timeout!.Value);
            throw new OperationCanceledException("The run was cancelled.", ex, cancellationToken);
        }
        catch
        {
            // The reader failed: stop the child rather than leave it writing into a pipe nobody reads.
            Kill(process);
            throw;
        }

        return new ProcessResult(process.ExitCode, stderrTail.ToString(), stopwatch.Elapsed);
    }

    /// <summary>Runs <paramref name="command"/> and returns its whole standard output; a non-zero exit
    /// code is an error. For short-lived commands whose output is small (versions, field lists).</summary>
    public static async Task<string> ReadAllAsync(
        ProcessCommand command, CancellationToken cancellationToken = default, string notFoundHint = "")
    {
        var output = "";
        var result = await RunAsync(
            command,
            async (reader, ct) => output = await reader.ReadToEndAsync(ct).ConfigureAwait(false),
            cancellationToken,
            notFoundHint).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new ProcessFailedException(command, result);
        return output;
    }

    private static Task CloseAsync(StreamWriter stdin)
    {
        stdin.Close();
        return Task.CompletedTask;
    }

    /// <summary>Writes the child's input off the caller's thread, then closes it. A child that stops
    /// reading early breaks the pipe: its exit code and standard error say why, so that is not thrown.</summary>
    private static async Task FeedAsync(Stream stdin, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(() => write(stdin, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The child closed its end.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone.
            }
        }
    }

    private static async Task DrainAsync(StreamReader reader, BoundedTail tail)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            tail.Append(buffer.AsSpan(0, read));
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or AggregateException)
        {
            // Already gone, or a grandchild went while the tree was walked: this may run on the signal
            // thread, where an exception would abort the whole process.
        }
    }
}
