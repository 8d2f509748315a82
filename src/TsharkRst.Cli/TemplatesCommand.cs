using System.CommandLine;
using TsharkRst.Reports;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst templates export DIR</c>: the built-in templates, to start a customisation.</summary>
public static class TemplatesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("DIR") { Description = "Folder to write the templates to (created if missing)." };
        var force = new Option<bool>("--force") { Description = "Overwrite templates already in the folder." };
        var export = new Command("export",
            "Write the built-in templates and README.md (the model they receive) to DIR; edit them and pass --templates DIR to analyze.")
        {
            folder, force,
        };
        export.SetAction(parsed =>
        {
            var target = parsed.GetValue(folder)!;
            Directory.CreateDirectory(target);
            foreach (var name in ReportTemplates.Exported)
            {
                var path = Path.Combine(target, name);
                if (File.Exists(path) && !parsed.GetValue(force))
                {
                    stderr.WriteLine($"tsharkrst: {path} exists; pass --force to overwrite it.");
                    return ExitCodes.SomeFailed;
                }
                AtomicFile.WriteText(path, ReportTemplates.ReadBuiltIn(name));
                stdout.WriteLine(path);
            }
            return ExitCodes.Ok;
        });
        return new Command("templates", "Work with the report templates.") { export };
    }
}
