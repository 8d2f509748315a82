using System.CommandLine;
using TsharkRst.Processes;
using TsharkRst.Tshark;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst fields [--check]</c>: the fields asked of tshark, and whether this tshark has them.</summary>
public static class FieldsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Compare the list with the installed tshark (tshark -G fields) and name any field it lacks.",
        };
        var command = new Command("fields",
            "List the tshark fields tsharkrst asks for (tshark-fields.txt).\n\n" +
            "Examples:\n" +
            "  tsharkrst fields            the list, one per line\n" +
            "  tsharkrst fields --check    exit 1 and name the fields this tshark lacks")
        {
            check,
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
            IReadOnlySet<string> known;
            string version;
            try
            {
                version = await TsharkProgram.Default.GetVersionAsync(cancellationToken);
                known = await TsharkProgram.Default.GetKnownFieldsAsync(cancellationToken);
            }
            catch (ProgramNotFoundException ex)
            {
                stderr.WriteLine($"tsharkrst: {ex.Message}");
                return ExitCodes.Usage;
            }
            // Columns (_ws.col.*) are not fields tshark lists, but it prints them all the same.
            var missing = fields.Names.Where(name => !known.Contains(name) && !name.StartsWith("_ws.col.", StringComparison.Ordinal)).ToList();
            foreach (var name in missing)
                stdout.WriteLine($"missing: {name}");
            stdout.WriteLine(missing.Count == 0
                ? $"All {fields.Names.Count} fields are known to {version}."
                : $"{missing.Count} of {fields.Names.Count} fields are unknown to {version}: those columns stay empty.");
            return missing.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }
}
