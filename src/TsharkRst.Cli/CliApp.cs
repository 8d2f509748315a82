using System.CommandLine;
using TsharkRst.Tshark;

namespace TsharkRst.Cli;

/// <summary>The command line: parses options and wires the stages; no analysis happens here.</summary>
public static class CliApp
{
    /// <param name="early">tshark started before the command line was parsed, for the analysis to take</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        EarlyTshark? early = null)
    {
        var root = new RootCommand(
            "tsharkrst: who reset this TCP connection, and why?\n" +
            "Reads packet captures through tshark and writes an incident report per capture:\n" +
            "findings.json, summary.md, report.html and packets.csv.")
        {
            AnalyzeCommand.Create(stdout, stderr, early),
            MergeCommand.Create(stdout, stderr),
            FieldsCommand.Create(stdout, stderr),
            TemplatesCommand.Create(stdout, stderr),
            SchemaCommand.Create(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine($"tsharkrst: {error.Message}");
            stderr.WriteLine("Run 'tsharkrst --help' (or 'tsharkrst COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Signals are Program's to handle: System.CommandLine's own handler blocks the signal thread and
                // forces an exit code after two seconds, whether or not the run has stopped cleanly.
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("tsharkrst: stopped.");
            return ExitCodes.Cancelled;
        }
        catch (TsharkRstException ex)
        {
            stderr.WriteLine($"tsharkrst: {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
