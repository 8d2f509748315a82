using System.Runtime.CompilerServices;
namespace TsharkRst.Capture;

/// <summary>Rising frame numbers kept as variable-length deltas: a packet of a long transfer costs
/// one or two bytes, so the triage index of a big capture stays small.</summary>
public sealed class FrameList
{
    private byte[] _bytes = new byte[8];
    private int _length;
    private long _last;

    public int Count { get; private set; }

    /// <summary>Adds a frame number greater than every one added before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long frame)
    {
        if (frame <= _last)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frames must rise; the last one was {_last}");
        if (_length + 10 > _bytes.Length)
            Array.Resize(ref _bytes, _bytes.Length * 2);
        var delta = (ulong)(frame - _last);
        while (delta >= 0x80)
        {
            _bytes[_length++] = (byte)(delta | 0x80);
            delta >>= 7;
        }
        _bytes[_length++] = (byte)delta;
        _last = frame;
        Count++;
    }

    /// <summary>Every frame number, in the order added.</summary>
    public IEnumerable<long> Frames()
    {
        var frame = 0L;
        var position = 0;
        while (position < _length)
        {
            ulong delta = 0;
            var shift = 0;
            byte b;
            do
            {
                b = _bytes[position++];
                delta |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            frame += (long)delta;
            yield return frame;
        }
    }
}
