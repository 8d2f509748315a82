using System.Collections;

namespace TsharkRst.Reports;

/// <summary>How far evidence.pcapng may be copied while tshark runs: up to the first frame of the earliest connection
/// not yet concluded, since a RST comment can only come from a connection's own frames. Connections are numbered in
/// the order of their first frames, as the triage index numbers them; one never concluded holds the copy until the end.</summary>
public sealed class EvidenceFrontier
{
    private readonly Func<int, long> _firstFrameOf;
    private readonly Func<int, bool> _awaited;
    private readonly BitArray _concluded;
    private int _next;

    /// <param name="count">how many connections are numbered</param>
    /// <param name="firstFrameOf">a connection's first frame, rising with its number</param>
    /// <param name="awaited">whether a connection is to be concluded (tshark reads it)</param>
    public EvidenceFrontier(int count, Func<int, long> firstFrameOf, Func<int, bool> awaited)
    {
        (_firstFrameOf, _awaited, _concluded) = (firstFrameOf, awaited, new BitArray(count));
        Advance();
    }

    /// <summary>The last frame that may be copied.</summary>
    public long Safe => _next < _concluded.Length ? _firstFrameOf(_next) - 1 : long.MaxValue;

    /// <summary>Connection <paramref name="number"/> is concluded (one not numbered is ignored).</summary>
    public void Conclude(int number)
    {
        if (number < 0 || number >= _concluded.Length)
            return;
        _concluded[number] = true;
        Advance();
    }

    private void Advance()
    {
        while (_next < _concluded.Length && (_concluded[_next] || !_awaited(_next)))
            _next++;
    }
}
