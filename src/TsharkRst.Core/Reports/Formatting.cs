using System.Globalization;

namespace TsharkRst.Reports;

/// <summary>The one formatting policy of every output: UTC, ISO-8601, invariant culture.</summary>
public static class Formatting
{
    /// <summary>The format of <see cref="Time(DateTimeOffset)"/>, for a time in UTC.</summary>
    public const string UtcTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>ISO-8601 UTC with microseconds: 2026-11-21T14:39:57.123456Z.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(UtcTimeFormat, CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration in words; below a millisecond in microseconds, so a 175 µs capture is not "0 ms".</summary>
    public static string Span(double seconds) => seconds is > 0 and < 0.001
        ? (seconds * 1e6).ToString("0", CultureInfo.InvariantCulture) + " µs"
        : Findings.FindingWords.Duration(seconds);
}
