namespace TsharkRst.Processes;

/// <summary>A child process ended with a non-zero exit code.</summary>
public sealed class ProcessFailedException(ProcessCommand command, ProcessResult result)
    : TsharkRstException(
        $"{Path.GetFileName(command.Program)} exited with code {result.ExitCode}. Command: {command.Display}" +
        (string.IsNullOrWhiteSpace(result.StderrTail) ? "" : $"{Environment.NewLine}It said: {result.StderrTail.Trim()}"))
{
    public ProcessCommand Command { get; } = command;

    public ProcessResult Result { get; } = result;
}
