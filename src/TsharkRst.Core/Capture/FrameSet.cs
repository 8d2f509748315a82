using System.Collections;
using System.Numerics;

namespace TsharkRst.Capture;

/// <summary>A set of frame numbers as one bit per frame of the capture, given back rising: the frames of
/// a focused dissection cost an eighth of a byte each, however many of them there are.</summary>
public sealed class FrameSet : IReadOnlyCollection<long>
{
    private ulong[] _words = [];

    public int Count { get; private set; }

    /// <summary>The frames from 1 to <paramref name="last"/>.</summary>
    public static FrameSet Through(long last)
    {
        var set = new FrameSet();
        for (var frame = 1L; frame <= last; frame++)
            set.Add(frame);
        return set;
    }

    public void Add(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frame);
        var word = (int)(frame >> 6);
        if (word >= _words.Length)
            Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        var bit = 1UL << (int)(frame & 63);
        if ((_words[word] & bit) != 0)
            return;
        _words[word] |= bit;
        Count++;
    }

    public bool Contains(long frame) =>
        frame > 0 && frame >> 6 < _words.Length && (_words[frame >> 6] & (1UL << (int)(frame & 63))) != 0;

    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < _words.Length; i++)
            for (var word = _words[i]; word != 0; word &= word - 1)
                yield return ((long)i << 6) + BitOperations.TrailingZeroCount(word);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>How many frames of the set each 64-frame word starts after, for <see cref="FrameMap"/>.</summary>
    internal int[] WordStarts(out ulong[] words)
    {
        words = _words;
        var starts = new int[_words.Length];
        for (int i = 0, before = 0; i < _words.Length; before += BitOperations.PopCount(_words[i]), i++)
            starts[i] = before;
        return starts;
    }
}
