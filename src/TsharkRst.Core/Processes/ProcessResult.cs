namespace TsharkRst.Processes;

/// <summary>How a child process ended.</summary>
public sealed record ProcessResult(int ExitCode, string StderrTail, TimeSpan Duration);
