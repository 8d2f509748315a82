using System.CommandLine;
using TsharkRst.Processes;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst fields [--check]</c>: the fields asked of tshark, and whether this tshark has them.</summary>
public static class FieldsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Compare the list with tshark (tshark -G fields, and a four-packet probe through the field pass): " +
                          "name its version, any field it lacks, and any field it writes differently from tshark 4.0.",
        };
        var tshark = new Option<string?>("--tshark")
        {
            Description = "The tshark program to check (default: tshark on PATH, or $TSHARKRST_TSHARK).",
            HelpName = "PATH",
        };
        var command = new Command("fields",
            "List the tshark fields tsharkrst asks for (tshark-fields.txt).\n\n" +
            "Examples:\n" +
            "  tsharkrst fields                         the list, one per line\n" +
            "  tsharkrst fields --check                 exit 1 and name the fields this tshark lacks or writes otherwise\n" +
            "  tsharkrst fields --check --tshark PATH   the same for another tshark")
        {
            check,
            tshark,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var fields = TsharkFields.BuiltIn;
            if (!parsed.GetValue(check))
            {
                foreach (var name in fields.Names)
                    stdout.WriteLine(name);
                return ExitCodes.Ok;
            }
            var program = parsed.GetValue(tshark) is { } path ? new TsharkProgram(path) : TsharkProgram.Default;
            IReadOnlySet<string> known;
            string version;
            TsharkProbe.Result probe;
            try
            {
                version = await program.GetVersionAsync(cancellationToken);
                known = await program.GetKnownFieldsAsync(cancellationToken);
                // tshark refuses a field it does not know: the probe asks only for those it knows.
                probe = await TsharkProbe.RunAsync(program, TsharkFields.Parse(string.Join('\n', fields.Names.Where(name => Knows(known, name)))),
                    cancellationToken);
            }
            catch (ProgramNotFoundException ex)
            {
                stderr.WriteLine($"tsharkrst: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (TsharkRstException ex)
            {
                stderr.WriteLine($"tsharkrst: {ex.Message}");
                return ExitCodes.SomeFailed;
            }
            stdout.WriteLine($"tshark: {version} ({program.Path})");
            var missing = fields.Names.Where(name => !Knows(known, name)).ToList();
            foreach (var name in missing)
                stdout.WriteLine($"missing: {name}");
            foreach (var difference in probe.Dialect.Differences)
                stdout.WriteLine($"writes differently from 4.0, read back the same: {difference}");
            foreach (var (field, frame, text, reference) in probe.Summaries)
                stdout.WriteLine($"summary worded differently from 4.0, shown as is: {field} (probe frame {frame}) is '{Shown(text)}' where tshark 4.0 writes '{Shown(reference)}'");
            var unexplained = probe.Differences;
            foreach (var (field, frame, text, reference) in unexplained)
                stdout.WriteLine($"formats differently: {field} (probe frame {frame}) is '{Shown(text)}' where tshark 4.0 writes '{Shown(reference)}'");
            stdout.WriteLine(missing.Count == 0
                ? $"All {fields.Names.Count} fields are known to {version}."
                : $"{missing.Count} of {fields.Names.Count} fields are unknown to {version}: those columns stay empty.");
            if (unexplained.Count > 0)
                stdout.WriteLine($"{unexplained.Count} values of the probe differ in ways tsharkrst does not read back: check them before trusting this tshark.");
            return missing.Count == 0 && unexplained.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }

    /// <summary>Columns (_ws.col.*) are not fields tshark lists, but it prints them all the same.</summary>
    private static bool Knows(IReadOnlySet<string> known, string name) =>
        known.Contains(name) || name.StartsWith("_ws.col.", StringComparison.Ordinal);

    private static string Shown(string text) => FieldText.Display(text, backslashEscaped: false).Replace(FieldText.OccurrenceSeparator.ToString(), "|");
}
