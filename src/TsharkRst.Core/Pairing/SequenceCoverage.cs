namespace TsharkRst.Pairing;

/// <summary>The sequence ranges each direction's payload covered in one capture, so a segment the
/// other capture holds cut or joined differently can be found. Numbers are taken relative to the
/// direction's first one, so ranges that wrap past 2^32 still sort.</summary>
internal sealed class SequenceCoverage
{
    private readonly Direction _client = new();
    private readonly Direction _server = new();

    public SequenceCoverage(IEnumerable<(bool FromClient, uint Seq, int Length)> segments)
    {
        foreach (var (fromClient, seq, length) in segments)
            if (length > 0)
                (fromClient ? _client : _server).Add(seq, length);
        _client.Seal();
        _server.Seal();
    }

    /// <summary>True when some payload of the direction overlaps [seq, seq + length).</summary>
    public bool Covers(bool fromClient, uint seq, int length) => length > 0 && (fromClient ? _client : _server).Overlaps(seq, length);

    private sealed class Direction
    {
        private readonly List<(long Start, long End)> _ranges = [];
        private uint? _base;

        public void Add(uint seq, int length)
        {
            _base ??= seq;
            var start = Relative(seq);
            _ranges.Add((start, start + length));
        }

        public void Seal() => _ranges.Sort();

        public bool Overlaps(uint seq, int length)
        {
            if (_base is null)
                return false;
            var start = Relative(seq);
            var end = start + length;
            // The last range starting before our end is the only candidate that can reach into us,
            // unless an earlier, longer one does: scan back while ranges could still overlap.
            var index = UpperBound(end) - 1;
            for (var i = index; i >= 0 && i > index - 64; i--)
                if (_ranges[i].End > start && _ranges[i].Start < end)
                    return true;
            return false;
        }

        /// <summary>Signed distance from the first number, so data just before it (lost before the capture) stays below.</summary>
        private long Relative(uint seq) => unchecked((int)(seq - _base!.Value));

        private int UpperBound(long value)
        {
            int low = 0, high = _ranges.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (_ranges[mid].Start < value)
                    low = mid + 1;
                else
                    high = mid;
            }
            return low;
        }
    }
}
