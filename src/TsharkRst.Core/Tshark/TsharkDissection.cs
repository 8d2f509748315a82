using TsharkRst.Processes;
using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>One tshark field pass over a capture: the command it runs and how it streams the rows.</summary>
public static class TsharkDissection
{
    /// <summary>The capture path that makes tshark read its standard input.</summary>
    public const string StandardInput = "-";

    /// <param name="flushEachPacket">each row is written as soon as its frame is read (-l), for a tshark that reads
    /// capture after capture from one stream and must not hold a capture's last rows back</param>
    public static ProcessCommand Command(TsharkProgram tshark, string capturePath, TsharkFields fields, TimeSpan? timeout,
        TlsKeyLog? keys = null, bool flushEachPacket = false)
    {
        var arguments = new List<string>
        {
            "-r", capturePath,
            "-n",                 // never resolve names: no lookups leave this machine
            "-T", "fields",
            // Tab-separated, unquoted: tshark escapes tabs and newlines inside values (\t, \n),
            // so a hostile string cannot break a row, while it does not escape quote characters.
            // Occurrences are joined with a byte no UTF-8 text holds there (see FieldText).
            "-E", "header=y",
            "-E", "separator=/t",
            "-E", "quote=n",
            "-E", "occurrence=a",
            "-E", "aggregator=" + FieldText.TsharkAggregator,
            // TLS and HTTP on any port: a ClientHello on 8080 or 5000 is still TLS.
            "-o", "tcp.try_heuristic_first:TRUE",
            // Headers are enough: an aborted response still shows its status line.
            "-o", "http.desegment_body:FALSE",
        };
        if (keys is not null)
            arguments.AddRange(["-o", "tls.keylog_file:" + keys.Path]);
        if (flushEachPacket)
            arguments.Add("-l");
        foreach (var name in fields.Names)
        {
            arguments.Add("-e");
            arguments.Add(name);
        }
        var command = new ProcessCommand(tshark.Path, arguments) { Timeout = timeout };
        // A tshark that flushes each packet has no buffer to enlarge.
        return flushEachPacket ? command : command with { Environment = StdoutBuffering.ForTshark };
    }

    /// <summary>Runs tshark over <paramref name="capturePath"/> and hands every parsed row to
    /// <paramref name="onRow"/> as it arrives. A non-zero exit is not thrown: tshark exits 2 on a
    /// truncated capture after printing every row it could read, and those rows are kept. A focused
    /// capture's rows get their original frame numbers from <paramref name="originalFrame"/>; with
    /// <paramref name="standardInput"/>, tshark starts at once and reads the capture it writes.</summary>
    public static async Task<TsharkRunResult> RunAsync(
        TsharkProgram tshark,
        string capturePath,
        TsharkFields fields,
        Action<PacketRecord> onRow,
        TimeSpan? timeout,
        CancellationToken cancellationToken,
        Func<long, long>? originalFrame = null,
        Func<Stream, CancellationToken, Task>? standardInput = null,
        TlsKeyLog? keys = null)
    {
        var command = Command(tshark, standardInput is null ? capturePath : StandardInput, fields, timeout, keys) with
        {
            StandardInput = standardInput,
        };
        var rowErrors = new List<string>();
        var rows = 0;
        // Asked while tshark starts; the parser waits for it on its own thread.
        var dialecting = tshark.GetDialectAsync(fields, cancellationToken);
        var result = await ProcessRunner.RunAsync(
            command,
            (stdout, ct) => BufferedOutput.ParseAsync(stdout, (parsed, token) =>
            {
                // The reader needs to know how this tshark escapes (remembered per executable, so asked at most once).
                var dialect = dialecting.GetAwaiter().GetResult();
                foreach (var record in new PacketRowReader(parsed, dialect.EscapesBackslash, originalFrame).ReadAll(rowErrors, token))
                {
                    rows++;
                    onRow(record);
                }
            }, ct),
            cancellationToken,
            TsharkProgram.InstallHint).ConfigureAwait(false);
        return new TsharkRunResult(command, result, rows, rowErrors);
    }
}
