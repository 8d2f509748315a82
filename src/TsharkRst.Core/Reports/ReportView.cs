using System.Reflection;
using TsharkRst.Findings;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>What the Markdown and HTML templates receive: the findings document's data, already
/// ordered, grouped, worded and formatted. Templates only loop and branch over it.</summary>
public sealed record ReportView
{
    /// <summary>Rows shown in the Markdown table; the rest are counted.</summary>
    public const int MarkdownRows = 25;

    /// <summary>Summaries quoted per verdict group.</summary>
    public const int GroupExamples = 1;

    /// <summary>Servers named per verdict group in the Markdown paragraph.</summary>
    public const int GroupServers = 5;

    public required string Tool { get; init; }
    public required CaptureView Capture { get; init; }
    public required long ResetCount { get; init; }
    public required int ConnectionCount { get; init; }
    public required IReadOnlyList<VerdictGroupView> Verdicts { get; init; }
    public required IReadOnlyList<FindingView> Findings { get; init; }
    public required IReadOnlyList<FindingView> TableFindings { get; init; }
    public required int FindingsNotInTable { get; init; }
    public required IReadOnlyList<PatternView> Patterns { get; init; }
    public required IReadOnlyList<VerdictSectionView> Sections { get; init; }
    public required TimelineView? Timeline { get; init; }
    public required IdleHistogramView? IdleHistogram { get; init; }
    public required SenderChartView? Senders { get; init; }

    /// <summary>Cards rendered in report.html; the other findings are counted in their groups.</summary>
    public required int CardsShown { get; init; }
    public long CardsNotShown => ResetCount - CardsShown;

    /// <summary>The findings written one by one (all of them unless some were aggregated).</summary>
    public int FindingsListed => Findings.Count;
    public required IReadOnlyList<string> Errors { get; init; }
    public required IReadOnlyList<GlossaryEntry> Glossary { get; init; }

    /// <summary>The paired capture from the other end, in one sentence; null without one.</summary>
    public string? Pair { get; init; }

    /// <summary>What findings.json's "aggregated" counts: the resets past the findings limit; null when none.</summary>
    public string? Aggregated { get; init; }
    /// <summary>Each verdict's colour, as style rules.</summary>
    public VerdictStylesView VerdictStyles => VerdictStylesView.All;

    public bool HasFindings => Findings.Count > 0;
    public bool HasPatterns => Patterns.Count > 0;
    public bool HasErrors => Errors.Count > 0;

    /// <param name="sha256">the capture's hash when it is not yet in the document (see <see cref="CaptureView.Sha256"/>)</param>
    public static ReportView From(FindingsDocument document, Task<string?>? sha256 = null)
    {
        var findings = document.Resets.Select((f, i) => FindingView.From(f, i + 1)).ToList();
        var groups = findings
            .GroupBy(f => f.Verdict)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var servers = g.Select(f => f.Server).Distinct().ToList();
                return new VerdictGroupView(
                    g.Key,
                    "verdict-" + g.Key,
                    g.First().VerdictDescription,
                    g.Count(),
                    string.Join(", ", servers.Take(GroupServers)) +
                        (servers.Count > GroupServers ? $" and {Formatting.Number(servers.Count - GroupServers)} more" : ""),
                    g.Take(GroupExamples).ToList(),
                    Math.Max(0, g.Count() - GroupExamples));
            })
            .ToList();
        var sections = VerdictSectionView.From(document.Resets.Zip(findings).ToList());
        var shown = sections.SelectMany(s => s.Servers).SelectMany(g => g.Findings).Select(f => f.Number).ToHashSet();
        var anchors = document.Resets.Zip(findings).ToDictionary<(ResetFinding First, FindingView Second), ResetFinding, string?>(p => p.First, p => shown.Contains(p.Second.Number) ? "#" + p.Second.Anchor : null, ReferenceEqualityComparer.Instance);
        return new ReportView
        {
            Tool = "tsharkrst " + (typeof(ReportView).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?"),
            Capture = CaptureView.From(document.Capture, sha256),
            ResetCount = document.ResetTotal,
            Aggregated = document.Aggregated?.Sentence(),
            ConnectionCount = document.Connections.Count,
            Verdicts = groups,
            Findings = findings,
            TableFindings = findings.Take(MarkdownRows).ToList(),
            FindingsNotInTable = Math.Max(0, findings.Count - MarkdownRows),
            Patterns = document.Patterns.Select(PatternView.From).ToList(),
            Sections = sections,
            Timeline = TimelineView.From(document.Capture, document.Resets, groups.Select(g => g.Verdict).ToList(), f => anchors[f]),
            IdleHistogram = IdleHistogramView.From(document.Resets),
            Senders = SenderChartView.From(document.Resets),
            CardsShown = shown.Count,
            Errors = document.Errors,
            Glossary = GlossaryEntry.All(),
            Pair = document.Pair is { } pair ? PairWords.Capture(pair) : null,
        };
    }
}

public sealed record CaptureView(string Name, string Path, string Packets, string First, string Last, string Duration, string Tshark)
{
    private Task<string?> _sha256 = Task.FromResult<string?>(null);

    /// <summary>Waited for where a template prints it (the reports' last lines): a big capture's reports are rendered while
    /// its hash is still being computed.</summary>
    public string Sha256 => _sha256.GetAwaiter().GetResult() ?? "";

    /// <summary>Complete once <see cref="Sha256"/> no longer waits.</summary>
    internal Task Hashed => _sha256;

    /// <param name="sha256">the hash when it is not yet in <paramref name="c"/></param>
    public static CaptureView From(CaptureInfo c, Task<string?>? sha256 = null) => new(
        c.Name, c.Path, Formatting.Number(c.Packets),
        Formatting.Time(c.First) ?? "", Formatting.Time(c.Last) ?? "",
        c.First is { } first && c.Last is { } last ? Formatting.Span((last - first).TotalSeconds) : "",
        c.Tshark ?? "")
    {
        _sha256 = sha256 ?? Task.FromResult(c.Sha256),
    };
}

public sealed record VerdictGroupView(
    string Verdict, string Anchor, string Description, int Count, string Servers, IReadOnlyList<FindingView> Examples, int More);

public sealed record EvidenceView(string Frame, string Note);

public sealed record TlsView(string Sni, string Alpn, string Versions, string Alert, string ClientHelloFrame, string ServerHelloFrame)
{
    public bool HasServerHello => ServerHelloFrame != "-";
}

public sealed record HttpView(string Method, string Host, string Uri, string Status, string RequestFrame, string ResponseFrame)
{
    public bool HasResponse => ResponseFrame != "-";
}

/// <summary>The last application message each way: <c>Client</c> and <c>Server</c> read "frame N: text", or "(none)".</summary>
public sealed record AppView(string Protocol, string Client, string Server);

/// <summary>The device the RST names: vendor ("(unnamed)" for bare text), reason, and the frame.</summary>
public sealed record DeviceView(string Vendor, string Reason, string Frame);

public sealed record FindingView
{
    public required int Number { get; init; }
    public required string Anchor { get; init; }
    public required string Verdict { get; init; }
    public required string VerdictDescription { get; init; }
    public required string Phase { get; init; }
    public required string SentBy { get; init; }
    public required string Origin { get; init; }
    public required string Confidence { get; init; }
    public required string Client { get; init; }
    public required string Server { get; init; }
    public required string RstFrame { get; init; }
    public required string RstTime { get; init; }
    public required string RstCount { get; init; }
    public required string Idle { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<EvidenceView> Evidence { get; init; }
    public required IReadOnlyList<string> NextSteps { get; init; }
    public required TlsView? Tls { get; init; }
    public required HttpView? Http { get; init; }
    public AppView? App { get; init; }
    public DeviceView? Device { get; init; }
    public required string WiresharkFilter { get; init; }
    public required string CommunityId { get; init; }

    /// <summary>The tampering signature and its stage in one line (<c>PSH+ACK -> RST;RST0 (post-psh)</c>); null when none fits.</summary>
    public string? Tampering { get; init; }
    public required string History { get; init; }
    // The diagrams are drawn when a card is rendered: a capture's findings outnumber its cards.
    private readonly Lazy<LadderView?> _ladder;
    private readonly Lazy<PathLadderView?> _pathLadder;

    private FindingView(ResetFinding finding)
    {
        _ladder = new(() => LadderView.From(finding));
        _pathLadder = new(() => PathLadderView.From(finding));
    }

    public LadderView? Ladder => _ladder.Value;

    /// <summary>The ladder as both captures of a pair saw it; when present it replaces <see cref="Ladder"/>.</summary>
    public PathLadderView? PathLadder => _pathLadder.Value;

    /// <summary>The same RST in the paired capture, in one line; null without a pair.</summary>
    public string? Pair { get; init; }

    /// <summary>What findings.json's "aggregated" counts: the resets past the findings limit; null when none.</summary>
    public string? Aggregated { get; init; }

    public static FindingView From(ResetFinding f, int number) => new(f)
    {
        Number = number,
        Anchor = $"reset-{number}",
        Verdict = Vocabulary.Name(f.Verdict),
        VerdictDescription = Vocabulary.Describe(f.Verdict),
        Phase = Vocabulary.Name(f.Phase),
        SentBy = Vocabulary.Name(f.SentBy),
        Origin = Vocabulary.Name(f.Origin),
        Confidence = Vocabulary.Name(f.Confidence),
        Client = f.Client.ToString(),
        Server = f.Server + (f.ServerNames.Count > 0 ? $" ({f.ServerNames[0]})" : ""),
        RstFrame = Formatting.Number(f.RstFrame),
        RstTime = Formatting.Time(f.RstTime),
        RstCount = Formatting.Number(f.RstCount),
        Idle = FindingWords.Duration(f.IdleBeforeSeconds),
        Summary = f.Summary,
        Evidence = f.Evidence.Select(e => new EvidenceView(Formatting.Number(e.Frame), e.Note)).ToList(),
        NextSteps = f.NextSteps,
        Tls = f.Tls is { } t
            ? new TlsView(
                t.Sni ?? "(none)",
                t.Alpn.Count > 0 ? string.Join(", ", t.Alpn) : "(none)",
                t.Versions.Count > 0 ? string.Join(", ", t.Versions) : "(unknown)",
                t.Alert is { } a ? $"{a.Description ?? "encrypted"}{(a.Level is null ? "" : $" ({a.Level})")} from the {Vocabulary.Name(a.By)}, frame {a.Frame}" : "(none)",
                t.ClientHelloFrame is { } ch ? Formatting.Number(ch) : "-",
                t.ServerHelloFrame is { } sh ? Formatting.Number(sh) : "-")
            : null,
        Http = f.Http is { } h
            ? new HttpView(h.Method ?? "", h.Host ?? "", h.Uri ?? "", h.Status is { } s ? Formatting.Number(s) : "no response",
                Formatting.Number(h.RequestFrame), h.ResponseFrame is { } rf ? Formatting.Number(rf) : "-")
            : null,
        App = f.App is { } app
            ? new AppView(app.Protocol, Message(app.Client), Message(app.Server))
            : null,
        Device = f.Device is { } d ? new DeviceView(d.Vendor ?? "(unnamed)", d.Reason, Formatting.Number(d.Frame)) : null,
        WiresharkFilter = f.WiresharkFilter,
        CommunityId = f.CommunityId,
        Tampering = f.Tampering is { } signature ? $"{signature.Name} ({Vocabulary.Name(signature.Stage)})" : null,
        History = f.History,
        Pair = f.Pair is { } pair ? PairWords.Finding(pair, f.SentBy) : null,
    };

    private static string Message(AppMessage? message) => message is null ? "(none)" : $"frame {Formatting.Number(message.Frame)}: {message.Text}";
}

public sealed record GlossaryEntry(string Kind, string Name, string Description)
{
    public static IReadOnlyList<GlossaryEntry> All() =>
        Vocabulary.Glossary<Verdict>().Select(v => new GlossaryEntry("verdict", v.Name, v.Description))
            .Concat(Vocabulary.Glossary<Phase>().Select(v => new GlossaryEntry("phase", v.Name, v.Description)))
            .Concat(Vocabulary.Glossary<Origin>().Select(v => new GlossaryEntry("origin", v.Name, v.Description)))
            .ToList();
}
