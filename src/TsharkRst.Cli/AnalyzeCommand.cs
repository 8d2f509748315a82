using System.CommandLine;
using System.Globalization;
using TsharkRst.Analysis;
using TsharkRst.Batch;
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

    public static Command Create(TextWriter stdout, TextWriter stderr, EarlyTshark? early = null)
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
            Description = "Folder of Scriban templates (summary.md.sbn, report.html.sbn; see 'templates export') to use instead of the built-in ones.",
            HelpName = "DIR",
        };
        var tshark = new Option<string?>("--tshark")
        {
            Description = "The tshark program to run (default: tshark on PATH, or $TSHARKRST_TSHARK).",
            HelpName = "PATH",
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Captures analysed at once (small captures share up to N tsharks, big ones start their own).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Redo every capture, even those the manifest in OUT says are up to date.",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Take only share K of N (K from 0) of the captures, by relative path; run 'tsharkrst merge OUT' when every shard is done.",
            HelpName = "K/N",
        };
        var full = new Option<bool>("--full")
        {
            Description = "Run tshark over every packet, instead of only the reset connections and DNS a first pass finds.",
        };
        var maxFindings = new Option<int>("--max-findings")
        {
            Description = "Resets written one by one per capture (the first by RST frame); the rest are counted by verdict, " +
                          "origin and server in findings.json's \"aggregated\", which keeps a capture of a million resets readable.",
            DefaultValueFactory = _ => AnalysisSettings.DefaultMaxFindings,
            HelpName = "N",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print only errors and the final line.",
        };
        var pair = new Option<string?>("--pair")
        {
            Description = "A capture of the same traffic taken at the other end of the path: each RST is looked up there to prove " +
                          "who made it (with one capture file as PATH; in a folder, list pairs in pairs.csv).",
            HelpName = "CAPTURE",
        };

        var tlsKeys = new Option<string?>("--tls-keys")
        {
            Description = "A TLS key log (SSLKEYLOGFILE format, as curl, browsers and many servers write it) for tshark: alerts are " +
                          "read by name, and HTTP/1.x and HTTP/2 inside TLS give the http context. Keys inside a pcapng (Decryption " +
                          "Secrets Blocks) are used without it.",
            HelpName = "FILE",
        };
        var keepSecrets = new Option<bool>("--keep-secrets")
        {
            Description = "Keep the TLS secrets in evidence.pcapng (by default it carries none: it is meant for tickets).",
        };
        var index = new Option<bool>("--index")
        {
            Description = "Write the batch index (index.html, index.md, summary.json, resets.csv, resets.ndjson) for a single capture " +
                          "too; a folder, several captures, or an OUT that already has an index always get it.",
        };

        var command = new Command("analyze",
            "Diagnose every TCP reset in the captures and write reports.\n\n" +
            "Examples:\n" +
            "  tsharkrst analyze incident.pcapng                  reports in ./tsharkrst-out/incident.pcapng/\n" +
            "  tsharkrst analyze /var/captures -o reports         every capture under the folder, then reports/index.html\n" +
            "  tsharkrst analyze a.pcap b.pcap.gz --format json,md\n" +
            "  tsharkrst analyze lb.pcap --idle-threshold 300     only silences of 5 min or more count as idle\n" +
            "  tsharkrst analyze client.pcap --pair server.pcap   prove who made each RST with a capture from the other end\n" +
            "  tsharkrst analyze tls.pcapng --tls-keys keys.log   read TLS alerts and the HTTP inside TLS with a key log\n" +
            "  tsharkrst analyze /nfs/caps -o /nfs/out --shard 3/8  one of 8 workers; then: tsharkrst merge /nfs/out\n\n" +
            "A rerun skips captures that are up to date (the manifest in OUT) and redoes what changed.\n" +
            "Exit codes: 0 every capture analysed, 1 some could not be, 2 usage error or no tshark, 130 stopped by Ctrl-C, 143 stopped by SIGTERM.")
        {
            paths, output, formats, idleThreshold, timeout, templates, tshark, jobs, force, shard, quiet, pair, full, maxFindings,
            tlsKeys, keepSecrets, index,
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
            if (parsed.GetValue(jobs) < 1)
                return UsageError(stderr, "--jobs must be at least 1.");
            if (parsed.GetValue(maxFindings) < 1)
                return UsageError(stderr, "--max-findings must be at least 1.");
            var share = Shard.All;
            if (parsed.GetValue(shard) is { } shardText && !Shard.TryParse(shardText, out share, out var shardError))
                return UsageError(stderr, shardError);
            var given = parsed.GetValue(paths)!;
            var pairPath = parsed.GetValue(pair);
            if (pairPath is not null && (given.Length != 1 || Directory.Exists(given[0]) || Directory.Exists(pairPath)))
                return UsageError(stderr, "--pair pairs one capture file with the one capture file given as PATH; " +
                                          "to pair captures in a folder, list them in pairs.csv there.");
            if (pairPath is not null && Path.GetFullPath(pairPath) == Path.GetFullPath(given[0]))
                return UsageError(stderr, "--pair: a capture cannot be paired with itself.");

            ReportTemplates chosenTemplates;
            TlsKeyLog? keys;
            try
            {
                // A user's template that does not parse, or a key file that is no key log, is told here,
                // before tshark starts or any capture is read.
                chosenTemplates = parsed.GetValue(templates) is { } folder ? ReportTemplates.FromFolder(folder) : ReportTemplates.BuiltIn;
                keys = parsed.GetValue(tlsKeys) is { } keyFile ? TlsKeyLog.Load(keyFile) : null;
            }
            catch (TsharkRstException ex)
            {
                return UsageError(stderr, ex.Message);
            }

            var program = parsed.GetValue(tshark) is { } customTshark ? new TsharkProgram(customTshark) : TsharkProgram.Default;
            // tshark is asked while the first capture is read.
            var version = program.GetVersionAsync(cancellationToken);
            var settings = new AnalysisSettings
            {
                Tshark = program,
                Templates = chosenTemplates,
                Diagnosis = new DiagnosisSettings { IdleThreshold = TimeSpan.FromSeconds(idle) },
                Formats = chosen,
                Timeout = limit > 0 ? TimeSpan.FromSeconds(limit) : null,
                FullDissection = parsed.GetValue(full),
                MaxFindings = parsed.GetValue(maxFindings),
                TlsKeys = keys,
                KeepSecrets = parsed.GetValue(keepSecrets),
            };
            // Small captures share tsharks, one per job; the first was started with the process (Program), or starts as
            // soon as the captures are known.
            await using var pool = settings.FullDissection || keys is not null
                ? null
                : new TsharkPool(program, settings.Fields, parsed.GetValue(jobs), early);
            var outputRoot = parsed.GetValue(output)!;
            var found = CaptureDiscovery.Find(pairPath is null ? given : [given[0], pairPath]);
            var paired = PairsFile.Apply(found, pairGiven: pairPath is not null);
            foreach (var problem in found.Problems.Concat(paired.Problems))
                stderr.WriteLine($"tsharkrst: {problem}");
            if (found.Captures.Count == 0)
                return UsageError(stderr, "no capture found in the paths given (captures are recognised by their first bytes).");

            var batch = new BatchRunner(settings, new BatchSettings { Jobs = parsed.GetValue(jobs), Force = parsed.GetValue(force), Shard = share },
                version, outputRoot, pool);
            var captures = batch.Select(paired.Captures);
            // tshark's start-up is the longest wait of a small capture: it starts before the rest is prepared.
            batch.Warm(captures);
            var writesIndex = share == Shard.All && (parsed.GetValue(index) || BatchIndex.IsBatch(given, found.Captures.Count, outputRoot));
            // Parsed while the first capture is read and tshark runs, not after.
            settings.Templates.Prepare(TemplatesWritten(chosen, writesIndex));
            var isQuiet = parsed.GetValue(quiet);
            IReadOnlyList<CaptureOutcome> outcomes;
            try
            {
                outcomes = !isQuiet && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
                    ? await TerminalProgress.RunAsync(captures.Sum(c => SizeOf(c.Path)), captures.Count, stderr,
                        observer => batch.RunAsync(captures, observer, cancellationToken))
                    : await batch.RunAsync(captures, new LogLines(stdout, stderr, isQuiet), cancellationToken);
                await version;
            }
            catch (ProgramNotFoundException ex)
            {
                return UsageError(stderr, ex.Message);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine($"tsharkrst: stopped. The captures completed so far are kept in {outputRoot}; " +
                                 "run the same command again to resume: what is up to date is not redone.");
                return ExitCodes.Cancelled;
            }

            if (found.Skipped.Count > 0 && !isQuiet)
                stdout.WriteLine($"Skipped {found.Skipped.Count} files that are not captures by name or content (e.g. {found.Skipped[0]}).");
            var failed = outcomes.Count(o => o.Kind == OutcomeKind.Failed);
            var upToDate = outcomes.Count(o => o.Kind == OutcomeKind.UpToDate);
            string next;
            // pairs.csv was read as a list of pairs: only the other files were skipped.
            SkippedFiles.Write(outputRoot, found.Skipped.Where(file => Path.GetFileName(file) != PairsFile.FileName));
            if (share != Shard.All)
            {
                next = $"; shard {share} took {captures.Count} of {found.Captures.Count} captures; when every shard is done: tsharkrst merge {outputRoot}";
            }
            else if (writesIndex)
            {
                BatchIndex.Write([outputRoot], outputRoot, settings.Templates);
                next = $"; index: {Path.Combine(outputRoot, "index.html")}";
            }
            else
            {
                next = "";
            }
            stdout.WriteLine($"{outcomes.Count - failed} of {captures.Count} captures analysed" +
                             (upToDate > 0 ? $" ({upToDate} up to date, not redone)" : "") + $"; reports in {outputRoot}{next}");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }

    private static IEnumerable<string> TemplatesWritten(OutputFormats formats, bool writesIndex)
    {
        if (formats.HasFlag(OutputFormats.Markdown))
            yield return ReportTemplates.Markdown;
        if (formats.HasFlag(OutputFormats.Html))
            yield return ReportTemplates.Html;
        if (writesIndex)
            yield return ReportTemplates.IndexMarkdown;
        if (writesIndex)
            yield return ReportTemplates.IndexHtml;
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

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
