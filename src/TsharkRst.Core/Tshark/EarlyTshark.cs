namespace TsharkRst.Tshark;

/// <summary>The first shared tshark of a plain analysis of small capture files, started before the command line is
/// parsed: tshark's start-up is a small capture's longest wait, and the runtime's start and the parsing were a fifth of
/// it. The pool made from the parsed command line takes it (<see cref="TsharkPool"/>); one nobody took is killed (or,
/// not yet started then, has its input ended and exits by itself).</summary>
public sealed class EarlyTshark : IAsyncDisposable
{
    /// <summary>Options after which the run shares no tshark, shares one other than the default, or may take none of the
    /// files named (a shard): not guessed at.</summary>
    private static readonly string[] Excluded = ["--full", "--tls-keys", "--tshark", "--pair", "--shard", "-h", "--help", "-?", "/?", "/h"];

    private readonly TsharkProgram _tshark;
    private readonly TsharkFields _fields;
    private TsharkStream? _stream;

    private EarlyTshark(TsharkProgram tshark, TsharkFields fields)
    {
        (_tshark, _fields) = (tshark, fields);
        _stream = TsharkStream.Start(tshark, fields);
    }

    /// <summary>Starts tshark when <paramref name="args"/> plainly analyse small capture files with the default tshark;
    /// null otherwise.</summary>
    public static EarlyTshark? StartFor(IReadOnlyList<string> args) =>
        Wanted(args, path => new FileInfo(path) is { Exists: true } file ? file.Length : null)
            ? new EarlyTshark(TsharkProgram.Default, TsharkFields.BuiltIn)
            : null;

    /// <summary>An analysis naming at least one small file and no big one (a big capture starts a tshark of its own beside
    /// its triage pass, which one started for nothing would slow), without an option that changes which tshark is
    /// shared. Folders and option values that are no files are left to the parsed command line.</summary>
    internal static bool Wanted(IReadOnlyList<string> args, Func<string, long?> fileLength)
    {
        // A response file (@FILE) holds arguments not read here.
        if (args.Count < 2 || args[0] != "analyze" || args.Any(arg => arg.StartsWith('@')) ||
            args.Any(arg => Excluded.Any(option => arg == option || arg.StartsWith(option + "=", StringComparison.Ordinal) ||
                                                   arg.StartsWith(option + ":", StringComparison.Ordinal))))
            return false;
        var small = false;
        foreach (var arg in args.Skip(1))
        {
            if (arg.StartsWith('-') || fileLength(arg) is not { } length)
                continue;
            if (length >= TsharkPool.SmallCaptureBytes)
                return false;
            small = true;
        }
        return small;
    }

    /// <summary>The tshark, for a pool of this program and field list; null if it is another's or already taken.</summary>
    internal TsharkStream? Take(TsharkProgram tshark, TsharkFields fields) =>
        tshark == _tshark && ReferenceEquals(fields, _fields) ? Interlocked.Exchange(ref _stream, null) : null;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _stream, null)?.DisposeAsync() ?? ValueTask.CompletedTask;
}
