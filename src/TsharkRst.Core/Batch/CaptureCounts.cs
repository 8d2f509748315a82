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
        // Loops, not LINQ: LINQ over value pairs is compiled at run time, as the last capture of a run ends.
        var verdicts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var finding in document.Resets)
        {
            var verdict = Vocabulary.Name(finding.Verdict);
            verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
        }
        foreach (var (verdict, resets) in document.Aggregated?.Verdicts ?? new Dictionary<string, long>())
            verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + resets;
        var ordered = new List<(string Verdict, long Resets)>(verdicts.Count);
        foreach (var (verdict, resets) in verdicts)
            ordered.Add((verdict, resets));
        ordered.Sort((a, b) => a.Resets != b.Resets ? b.Resets.CompareTo(a.Resets) : string.CompareOrdinal(a.Verdict, b.Verdict));
        return new CaptureCounts(
            document.Capture.Packets,
            document.Connections.Count,
            document.ResetTotal,
            ordered,
            document.Errors.Count,
            document.Errors.FirstOrDefault());
    }
}
