using System.CommandLine;
using TsharkRst.Batch;
using TsharkRst.Reports;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst merge OUT...</c>: rebuilds the batch index from per-capture findings.</summary>
public static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folders = new Argument<string[]>("OUT")
        {
            Description = "Output folders of 'tsharkrst analyze' (e.g. every shard's, or one shared folder).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the index (default: the first OUT).",
            HelpName = "DIR",
        };
        var templates = new Option<string?>("--templates")
        {
            Description = "Folder of Scriban templates (index.md.sbn, index.html.sbn) to use instead of the built-in ones.",
            HelpName = "DIR",
        };
        var command = new Command("merge",
            "Rebuild index.html, index.md, summary.json, resets.csv and resets.ndjson from the captures analysed into the OUT folders.\n\n" +
            "Examples:\n" +
            "  tsharkrst merge /nfs/out                 after every 'analyze --shard K/N -o /nfs/out' has finished\n" +
            "  tsharkrst merge out-0 out-1 -o all       shards that wrote to separate folders")
        {
            folders, output, templates,
        };
        command.SetAction(parsed =>
        {
            var roots = parsed.GetValue(folders)!;
            var missing = roots.Where(root => !Directory.Exists(Path.Combine(root, CaptureManifest.FolderName))).ToList();
            if (missing.Count > 0)
            {
                stderr.WriteLine($"tsharkrst: {string.Join(", ", missing)}: not an output folder of 'tsharkrst analyze' (no {CaptureManifest.FolderName} inside).");
                return ExitCodes.Usage;
            }
            var target = parsed.GetValue(output) ?? roots[0];
            ReportTemplates chosen;
            try
            {
                chosen = parsed.GetValue(templates) is { } folder ? ReportTemplates.FromFolder(folder) : ReportTemplates.BuiltIn;
            }
            catch (TsharkRstException ex)
            {
                stderr.WriteLine($"tsharkrst: {ex.Message}");
                return ExitCodes.Usage;
            }
            var entries = BatchIndex.Write(roots, target, chosen);
            var failed = entries.Count(e => e.Status == IndexEntry.Failed);
            stdout.WriteLine($"{entries.Count} captures ({failed} failed) indexed: {Path.Combine(target, "index.html")}");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }
}
