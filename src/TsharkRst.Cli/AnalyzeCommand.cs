using System.CommandLine;
using System.Globalization;
using TsharkRst.Analysis;
using TsharkRst.Findings;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Cli;

/// <summary><c>tsharkrst analyze PATH... [-o OUT]</c></summary>
public static class AnalyzeCommand
{
    private static readonly Dictionary<string, OutputFormats> FormatNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = OutputFormats.Json,
        ["md"] = OutputFormats.Markdown,
        ["markdown"] = OutputFormats.Markdown,
        ["html"] = OutputFormats.Html,
        ["csv"] = OutputFormats.Csv,
        ["pcap"] = OutputFormats.Evidence,
        ["evidence"] = OutputFormats.Evidence,
        ["all"] = OutputFormats.All,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Capture files (pcap, pcapng, gzip of either) or folders to search for them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder the reports are written to: one sub-folder per capture.",
            DefaultValueFactory = _ => "tsharkrst-out",
            HelpName = "OUT",
        };
        var formats = new Option<string>("--format", "-f")
        {
            Description = "Comma-separated outputs: json, md, html, csv (packets.csv), pcap (evidence.pcapng), or all.",
            DefaultValueFactory = _ => "all",
            HelpName = "LIST",
        };
        var idleThreshold = new Option<double>("--idle-threshold")
        {
            Description = "Seconds of silence before a RST that make it an idle-timeout.",
            DefaultValueFactory = _ => DiagnosisSettings.DefaultIdleThreshold.TotalSeconds,
            HelpName = "SECONDS",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds tshark may spend on one capture before it is stopped (0: no limit).",
            DefaultValueFactory = _ => 3600,
            HelpName = "SECONDS",
        };
        var templates = new Option<string?>("--templates")
        {
            Description = "Folder of Handlebars templates (summary.md.hbs, report.html.hbs) to use instead of the built-in ones.",
            HelpName = "DIR",
        };
        var full = new Option<bool>("--full")
        {
            Description = "Run tshark over every packet, instead of only the reset connections and DNS a first pass finds.",
        };
        var tshark = new Option<string?>("--tshark")
        {
            Description = "The tshark program to run (default: tshark on PATH, or $TSHARKRST_TSHARK).",
            HelpName = "PATH",
        };

        var command = new Command("analyze",
            "Diagnose every TCP reset in the captures and write reports.\n\n" +
            "Examples:\n" +
            "  tsharkrst analyze incident.pcapng                  reports in ./tsharkrst-out/incident.pcapng/\n" +
            "  tsharkrst analyze /var/captures -o reports         every capture under the folder\n" +
            "  tsharkrst analyze a.pcap b.pcap.gz --format json,md\n" +
            "  tsharkrst analyze lb.pcap --idle-threshold 300     only silences of 5 min or more count as idle\n\n" +
            "Exit codes: 0 every capture analysed, 1 some could not be, 2 usage error or no tshark.")
        {
            paths, output, formats, idleThreshold, timeout, templates, tshark, full,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!TryParseFormats(parsed.GetValue(formats)!, out var chosen, out var bad))
                return UsageError(stderr, $"--format: '{bad}' is not one of json, md, html, csv, pcap, all.");
            var idle = parsed.GetValue(idleThreshold);
            if (!(idle > 0))
                return UsageError(stderr, "--idle-threshold must be a number of seconds above 0.");
            var limit = parsed.GetValue(timeout);
            if (!(limit >= 0))
                return UsageError(stderr, "--timeout must be 0 (no limit) or a number of seconds.");

            var program = parsed.GetValue(tshark) is { } customTshark ? new TsharkProgram(customTshark) : TsharkProgram.Default;
            // Asked while the first capture is read; a missing tshark still stops the run with exit code 2.
            var version = program.GetVersionAsync(cancellationToken);

            var settings = new AnalysisSettings
            {
                Tshark = program,
                Templates = parsed.GetValue(templates) is { } folder ? ReportTemplates.FromFolder(folder) : ReportTemplates.BuiltIn,
                Diagnosis = new DiagnosisSettings { IdleThreshold = TimeSpan.FromSeconds(idle) },
                Formats = chosen,
                Timeout = limit > 0 ? TimeSpan.FromSeconds(limit) : null,
                FullDissection = parsed.GetValue(full),
            };
            var outputRoot = parsed.GetValue(output)!;
            var found = CaptureDiscovery.Find(parsed.GetValue(paths)!);
            if (found.Captures.Count == 0)
                return UsageError(stderr, "no capture found in the paths given (captures are recognised by their first bytes).");

            var analyzer = new CaptureAnalyzer(settings, version);
            var failed = 0;
            try
            {
                foreach (var capture in found.Captures)
                {
                    var result = await analyzer.AnalyzeAsync(capture, outputRoot, cancellationToken);
                    if (result.Succeeded)
                        stdout.WriteLine(Line(result));
                    else
                    {
                        failed++;
                        stderr.WriteLine($"tsharkrst: {result.Failure}");
                    }
                }
                await version;
            }
            catch (ProgramNotFoundException ex)
            {
                return UsageError(stderr, ex.Message);
            }
            if (found.Skipped.Count > 0)
                stdout.WriteLine($"Skipped {found.Skipped.Count} files that are not captures (e.g. {found.Skipped[0]}).");
            stdout.WriteLine($"{found.Captures.Count - failed} of {found.Captures.Count} captures analysed; reports in {outputRoot}");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }

    /// <summary>One line per capture: name, resets, verdict counts, where the reports are.</summary>
    private static string Line(CaptureResult result)
    {
        var document = result.Document!;
        var counts = document.Resets.GroupBy(f => Vocabulary.Name(f.Verdict))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}");
        var verdicts = document.Resets.Count > 0 ? $" ({string.Join(", ", counts)})" : "";
        var errors = document.Errors.Count > 0 ? $"; {document.Errors.Count} problem(s): {document.Errors[0]}" : "";
        return $"{result.Input.Path}: {Count(document.Resets.Count, "reset")} in {Count(document.Connections.Count, "connection")}{verdicts} → {result.OutputFolder}{errors}";
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static bool TryParseFormats(string text, out OutputFormats formats, out string bad)
    {
        formats = OutputFormats.None;
        bad = "";
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!FormatNames.TryGetValue(name, out var format))
            {
                bad = name;
                return false;
            }
            formats |= format;
        }
        bad = text;
        return formats != OutputFormats.None;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"tsharkrst: {message}");
        return ExitCodes.Usage;
    }
}
