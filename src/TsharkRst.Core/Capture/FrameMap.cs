using System.Numerics;

namespace TsharkRst.Capture;

/// <summary>Frame numbers of a focused capture (1, 2, 3, …) and the original capture's frames they copy.</summary>
public sealed class FrameMap
{
    private readonly ulong[] _words;
    private readonly int[] _starts;

    public FrameMap(FrameSet originalFrames)
    {
        _starts = originalFrames.WordStarts(out _words);
        Count = originalFrames.Count;
    }

    public int Count { get; }

    /// <summary>The original capture's number for frame <paramref name="focusedFrame"/> of the focused one.</summary>
    public long Original(long focusedFrame)
    {
        if (focusedFrame < 1 || focusedFrame > Count)
            throw new ArgumentOutOfRangeException(nameof(focusedFrame), focusedFrame, $"the focused capture has frames 1 to {Count}");
        var before = focusedFrame - 1;
        // The last word that starts at or before it holds it; then its bit in that word.
        int low = 0, high = _starts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_starts[middle] <= before)
                low = middle;
            else
                high = middle - 1;
        }
        var word = _words[low];
        for (var skip = before - _starts[low]; skip > 0; skip--)
            word &= word - 1;
        return ((long)low << 6) + BitOperations.TrailingZeroCount(word);
    }

    /// <summary>The focused capture's number for <paramref name="originalFrame"/>, or null when it was not copied.</summary>
    public long? Focused(long originalFrame)
    {
        var word = originalFrame >> 6;
        if (originalFrame < 1 || word >= _words.Length)
            return null;
        var bit = 1UL << (int)(originalFrame & 63);
        return (_words[word] & bit) == 0 ? null : _starts[word] + BitOperations.PopCount(_words[word] & (bit - 1)) + 1;
    }
}
