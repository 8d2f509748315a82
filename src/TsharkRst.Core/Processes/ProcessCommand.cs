using System.Collections.Frozen;

namespace TsharkRst.Processes;

/// <summary>An immutable description of a child process: the program, its arguments as a list
/// (never one hand-escaped string) and how long it may run.</summary>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Kills the process tree when exceeded; null means no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Writes the child's standard input while it runs (closed afterwards); null closes it at once.</summary>
    public Func<Stream, CancellationToken, Task>? StandardInput { get; init; }

    /// <summary>Variables set in the child's environment, on top of ours.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = FrozenDictionary<string, string?>.Empty;

    /// <summary>How many characters of standard error to keep for error messages.</summary>
    public int StderrTailChars { get; init; } = 4000;

    /// <summary>The command line as a person would type it, for error messages only.</summary>
    public string Display => string.Join(' ', new[] { Program }.Concat(Arguments).Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";
}
