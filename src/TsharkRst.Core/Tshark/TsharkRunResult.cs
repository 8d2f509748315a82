using TsharkRst.Processes;

namespace TsharkRst.Tshark;

/// <summary>How a tshark field pass ended: the rows it gave, the rows that could not be parsed,
/// and what tshark itself said.</summary>
public sealed record TsharkRunResult(ProcessCommand Command, ProcessResult Process, int Rows, IReadOnlyList<string> RowErrors)
{
    /// <summary>tshark's complaint in plain words, or null when it exited cleanly.</summary>
    public string? Error => Process.ExitCode == 0
        ? null
        : $"tshark exited with code {Process.ExitCode} after {Rows} rows" + (CleanStderr(Process.StderrTail) is { Length: > 0 } said ? ": " + said : ".");

    /// <summary>What tshark said, on one line, without the lines every run may print.</summary>
    internal static string CleanStderr(string stderr) => string.Join(' ',
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("Running as user", StringComparison.Ordinal) &&
                           // A tshark in a container of its own may not see the library StdoutBuffering preloads.
                           !line.Contains("from LD_PRELOAD cannot be preloaded", StringComparison.Ordinal)));
}
