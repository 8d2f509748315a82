namespace TsharkRst.Processes;

/// <summary>The program could not be started at all (not installed, not on PATH, not executable).</summary>
public sealed class ProgramNotFoundException(string program, string hint, Exception? inner = null)
    : TsharkRstException($"Could not start '{program}': it is not installed or not on PATH. {hint}".TrimEnd(), inner)
{
    public string Program { get; } = program;
}
