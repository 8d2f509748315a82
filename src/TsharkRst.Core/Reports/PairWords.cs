using System.Globalization;
using TsharkRst.Findings;
using TsharkRst.Pairing;

namespace TsharkRst.Reports;

/// <summary>The lines the reports show for a paired analysis: one for the capture, one per finding.</summary>
public static class PairWords
{
    public static string Capture(PairSummary p)
    {
        var matched = string.Join(", ", p.Matched.Where(m => m.Value > 0)
            .Select(m => $"{Formatting.Number(m.Value)} by {Vocabulary.Name(m.Key).Replace('-', ' ')}"));
        var clock = p.ClockOffsetSeconds is { } offset
            ? ClockWords(offset) + (p.OneWayDelaySeconds is { } delay ? $", one-way delay {Delay(delay)}" : "")
            : "";
        return $"Paired with {p.Capture}: {p.Sides}. {Formatting.Number(p.MatchedCount)} of {Formatting.Number(p.Connections)} TCP connections found there" +
               (matched.Length > 0 ? $" ({matched})" : "") + clock + ".";
    }

    public static string Finding(ResetPair pair, Side sentBy)
    {
        var who = sentBy == Side.Client ? "client" : "server";
        var there = pair.RstFrameThere is { } frame ? $"same RST there: frame {Formatting.Number(frame)}" : "same RST there: none";
        var left = pair.RstLeftSender switch
        {
            true => $"left the {who}: yes",
            false => $"left the {who}: no",
            null => $"left the {who}: not shown by {pair.Capture}",
        };
        var clock = pair.ClockOffsetSeconds is { } offset ? $" · clock offset {Seconds(offset)}" : "";
        return $"{pair.Capture} · {there} · {left}{clock}";
    }

    /// <summary>Paths inside one building take microseconds: say so rather than "0 ms".</summary>
    internal static string Delay(double seconds) => seconds < 0.001
        ? (seconds * 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " µs"
        : FindingWords.Duration(seconds);

    /// <summary>"; its clock is 0.250000 s ahead of this one's", "… behind …", or "; the two clocks agree to the microsecond".</summary>
    internal static string ClockWords(double offset) => Math.Round(offset, 6) == 0
        ? "; the two clocks agree to the microsecond"
        : $"; its clock is {Math.Abs(offset).ToString("0.000000", CultureInfo.InvariantCulture)} s {(offset > 0 ? "ahead of" : "behind")} this one's";

    /// <summary>Signed seconds to the microsecond: +0.000012 s.</summary>
    internal static string Seconds(double seconds) => seconds.ToString("+0.000000;-0.000000;0", CultureInfo.InvariantCulture) + " s";
}
