using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>What a batch keeps of an analysed capture for its log line: counts rather than the document,
/// which holds the capture's connections and findings; a night's batch would hold every capture's.</summary>
public sealed record CaptureCounts(
    long Packets,
    int Connections,
    long Resets,
    IReadOnlyList<(string Verdict, long Resets)> Verdicts,
    int Errors,
    string? FirstError)
{
    /// <summary>Every reset counted, those past the findings limit too; verdicts the most frequent first.</summary>
    public static CaptureCounts Of(FindingsDocument document)
    {
        var verdicts = document.Resets.GroupBy(f => Vocabulary.Name(f.Verdict)).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var (verdict, resets) in document.Aggregated?.Verdicts ?? new Dictionary<string, long>())
            verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + resets;
        return new CaptureCounts(
            document.Capture.Packets,
            document.Connections.Count,
            document.ResetTotal,
            [.. verdicts.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value))],
            document.Errors.Count,
            document.Errors.FirstOrDefault());
    }
}
