using System.Globalization;
using TsharkRst.Findings;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>One capture as the batch index sees it: where it is, how its analysis ended, where its reports are
/// (relative to the index), and what the index shows of its findings.json. A batch holds one per capture, so counts
/// are kept instead of resets: memory does not grow with the findings listed.</summary>
public sealed record IndexEntry(string Path, string Link, string Status, string? Failure)
{
    /// <summary>How a capture's analysis ended, in the manifest's words that summary.json repeats.</summary>
    public const string Analysed = "analysed";

    public const string Failed = "failed";

    /// <summary>At most this many paired resets are kept per capture: the index lists no more overall.</summary>
    public const int PairedRows = 25;

    public long? Packets { get; init; }

    /// <summary>Every reset, those past the capture's findings limit included.</summary>
    public long Resets { get; init; }

    /// <summary>Resets by verdict: those kept whole, then those past the findings limit (a verdict may come twice).</summary>
    public IReadOnlyList<(string Verdict, long Count)> Verdicts { get; init; } = [];

    /// <summary>Resets by server and verdict; the verdict is null for those past the findings limit.</summary>
    public IReadOnlyList<(string Server, string? Verdict, long Count)> Servers { get; init; } = [];

    public IReadOnlyList<(string? Summary, double? EstimatedSeconds)> IdleTimers { get; init; } = [];

    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Set only for a paired capture, as in findings.json.</summary>
    public PairSide? Pair { get; init; }

    /// <summary>The other capture, which end this one is, how many resets the other proved to be the claimed
    /// sender's (true) or not (false), and the first <see cref="PairedRows"/> resets it speaks for.</summary>
    public sealed record PairSide(string Capture, string Path, Side Side, IReadOnlyList<(string Value, long Count)> RstLeftSender,
        IReadOnlyList<PairedReset> Resets, int ResetCount);

    /// <summary>A reset of a paired capture, as the index lists it.</summary>
    public sealed record PairedReset(string RstFrame, string SentBy, string Origin, string Verdict, string PairCapture,
        string RstFrameThere, string RstLeftSender);

    /// <summary>The entry of a capture with its findings.json read back, whole (<see cref="FindingsJson.Read"/> refuses one that is
    /// not); null when it failed or the file is unreadable.</summary>
    public IndexEntry With(FindingsFile? findings)
    {
        if (findings is null)
            return this;
        var resets = findings.Resets;
        var aggregated = findings.Aggregated;
        return this with
        {
            Packets = findings.Capture.Packets,
            Resets = resets.Count + (aggregated?.Resets ?? 0),
            Verdicts = Tally(resets.Select(r => Vocabulary.Name(r.Verdict)))
                .Concat((aggregated?.Verdicts ?? new Dictionary<string, long>()).Select(v => (v.Key, v.Value))).ToList(),
            Servers = resets
                .GroupBy(r => (Server: r.Server.ToString(), Verdict: Vocabulary.Name(r.Verdict)))
                .Select(g => (g.Key.Server, (string?)g.Key.Verdict, (long)g.Count()))
                .Concat((aggregated?.BusiestServers ?? []).Select(s => (s.Server, (string?)null, s.Resets)))
                .ToList(),
            IdleTimers = findings.Patterns.Where(p => p.Kind == IdleTimerPattern.Kind)
                .Select(p => ((string?)p.Summary, p.Details is { } details ? FindingsJson.IdleTimer(details).EstimatedSeconds : null))
                .ToList(),
            Errors = findings.Errors,
            Pair = findings.Pair is { } pair ? Paired(pair, resets) : null,
        };
    }

    private static PairSide Paired(FindingsFile.PairBlock pair, IReadOnlyList<FindingsFile.Reset> resets)
    {
        var spoken = resets.Where(r => r.Pair is not null).ToList();
        return new PairSide(
            pair.Capture,
            pair.Path,
            pair.Side,
            Tally(resets.Select(r => Word(r.Pair?.RstLeftSender) ?? "null")).ToList(),
            spoken.Take(PairedRows).Select(r => new PairedReset(
                r.RstFrame.ToString(CultureInfo.InvariantCulture),
                Vocabulary.Name(r.SentBy),
                Vocabulary.Name(r.Origin),
                Vocabulary.Name(r.Verdict),
                r.Pair!.Capture,
                r.Pair.RstFrameThere?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Word(r.Pair.RstLeftSender) ?? "-")).ToList(),
            spoken.Count);
    }

    /// <summary>true or false as JSON writes them.</summary>
    public static string? Word(bool? value) => value switch { true => "true", false => "false", null => null };

    private static IEnumerable<(string, long)> Tally(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()));
}
