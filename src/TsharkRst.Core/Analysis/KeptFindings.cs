using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>The findings of one capture as they are diagnosed: the first <paramref name="limit"/> by RST
/// frame are kept whole, the rest only counted, so a capture with a million resets holds a bounded
/// number of findings in memory.</summary>
internal sealed class KeptFindings(int limit)
{
    private readonly List<ResetFinding> _kept = [];
    private readonly ResetTally _rest = new();

    // Once the limit is reached, the last RST frame kept: a finding after it is counted at once.
    private long _cutoff = long.MaxValue;

    /// <summary>Takes a diagnosis (null when the connection's RST gave nothing to diagnose).</summary>
    public void Add(ResetFinding? finding)
    {
        if (finding is null)
            return;
        if (finding.RstFrame > _cutoff)
        {
            _rest.Add(finding);
            return;
        }
        _kept.Add(finding);
        // Findings come in roughly RST order, not exactly: the surplus is sorted out now and then.
        if (_kept.Count >= limit + 1024)
            Trim();
    }

    /// <summary>The findings kept whole, in RST frame order, and the count of the others (null when none).</summary>
    public (List<ResetFinding> Kept, ResetAggregate? Counted) Complete()
    {
        Trim();
        return (_kept, _rest.ToAggregate());
    }

    private void Trim()
    {
        _kept.Sort((a, b) => a.RstFrame.CompareTo(b.RstFrame));
        if (_kept.Count <= limit)
            return;
        for (var i = limit; i < _kept.Count; i++)
            _rest.Add(_kept[i]);
        _kept.RemoveRange(limit, _kept.Count - limit);
        _cutoff = _kept[^1].RstFrame;
    }
}
