namespace TsharkRst.Processes;

/// <summary>A child process ran past its time limit and was killed.</summary>
public sealed class ProcessTimeoutException(ProcessCommand command, TimeSpan limit)
    : TsharkRstException(
        $"{Path.GetFileName(command.Program)} ran longer than {limit.TotalSeconds:0.###} s and was stopped. " +
        $"Raise the limit with --timeout. Command: {command.Display}")
{
    public ProcessCommand Command { get; } = command;
}
