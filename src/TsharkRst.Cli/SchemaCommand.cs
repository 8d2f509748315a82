using System.CommandLine;
using TsharkRst.Reports;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst schema NAME</c>: prints a JSON Schema of the tool's output, to validate it or to map it
/// into Elastic, Splunk or a data warehouse.</summary>
public static class SchemaCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("NAME")
        {
            Description = "Which schema: " + string.Join("; ", OutputSchemas.All.Select(s => $"{s.Name} ({s.Describes})")) + ".",
        };
        var command = new Command("schema",
            "Print the JSON Schema (draft 2020-12) of findings.json, summary.json or a line of resets.ndjson.\n\n" +
            "Examples:\n" +
            "  tsharkrst schema findings > findings.schema.json\n" +
            "  tsharkrst schema summary")
        {
            name,
        };
        command.SetAction(parsed =>
        {
            var chosen = parsed.GetValue(name)!;
            if (!OutputSchemas.Exists(chosen))
            {
                stderr.WriteLine($"tsharkrst: there is no schema '{chosen}'; choose one of {string.Join(", ", OutputSchemas.All.Select(s => s.Name))}.");
                return ExitCodes.Usage;
            }
            stdout.Write(OutputSchemas.Read(chosen));
            return ExitCodes.Ok;
        });
        return command;
    }
}
