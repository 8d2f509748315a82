using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The comments of evidence.pcapng, decided in frame order while the copy runs: the RST of each of the first
/// <c>limit</c> findings by RST frame (those findings.json keeps whole) carries one. A frame is asked about only once every
/// finding at or before it is known, so at most <c>limit</c> findings are held; a finding that still had a place and
/// comes for a frame already passed makes the comments <see cref="Broken"/>.</summary>
public sealed class EvidenceComments(int limit)
{
    private readonly SortedSet<long> _ahead = [];
    private readonly Dictionary<long, ResetFinding> _findings = [];
    private long _position;

    /// <summary>How many findings lie before the copy's position: each took one of the <c>limit</c> places.</summary>
    private int _passed;

    /// <summary>A finding came for a frame the copy had passed: what was written cannot be trusted.</summary>
    public bool Broken { get; private set; }

    /// <summary>The RST frames given a comment so far, with it.</summary>
    public List<(long Frame, string Comment)> Given { get; } = [];

    public void Add(ResetFinding finding)
    {
        if (finding.RstFrame <= _position)
        {
            // Had it a place left, a frame passed lacks its comment, or the count of those after it is off.
            Broken |= _passed < limit;
            return;
        }
        _ahead.Add(finding.RstFrame);
        _findings[finding.RstFrame] = finding;
        // Those beyond the places left can never be kept.
        if (_ahead.Count > limit - _passed)
        {
            _findings.Remove(_ahead.Max);
            _ahead.Remove(_ahead.Max);
        }
    }

    /// <summary>The comment of <paramref name="frame"/> (rising from call to call), once every finding at or before it is known.</summary>
    public string? At(long frame)
    {
        _position = frame;
        while (_ahead.Count > 0 && _ahead.Min is var first && first <= frame)
        {
            _ahead.Remove(first);
            _findings.Remove(first, out var finding);
            _passed++;
            if (first == frame)
            {
                var comment = EvidenceCapture.Comment(finding!);
                Given.Add((frame, comment));
                return comment;
            }
        }
        return null;
    }
}
