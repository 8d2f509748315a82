using System.Runtime.CompilerServices;

namespace TsharkRst.Connections;

/// <summary>Rising frame numbers: the first and the last, and the steps between them as variable-length
/// numbers, the first eight bytes of them inline. A packet of a long transfer costs one or two bytes, and
/// a connection of a few packets nothing beyond the struct, so the triage index of a big capture stays small.</summary>
public struct FrameList
{
    /// <summary>The greatest frame number a list takes: tshark numbers frames in 32 bits, and every frame of the tool
    /// is one tshark can number (its rows join the triage index by frame number).</summary>
    public const long MaxFrame = uint.MaxValue;

    private ulong _inline;
    private byte[]? _rest;
    private int _length;
    // 32 bits each, as tshark's frame numbers: 8 bytes less for each connection of the triage index.
    private uint _first;
    private uint _last;

    public int Count { get; private set; }

    public readonly long First => _first;

    public readonly long Last => _last;

    /// <summary>Adds a frame number greater than every one added before, and at most <see cref="MaxFrame"/>.</summary>
    [MethodImpl(HotPath.Compilation)]
    public void Add(long frame)
    {
        if (frame <= Last)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frames must rise; the last one was {Last}");
        if (frame > MaxFrame)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame numbers stop at {MaxFrame}, as tshark's do (it numbers frames in 32 bits)");
        if (Count == 0)
            _first = (uint)frame;
        else
        {
            var step = (ulong)(frame - Last);
            while (step >= 0x80)
            {
                Append((byte)(step | 0x80));
                step >>= 7;
            }
            Append((byte)step);
        }
        _last = (uint)frame;
        Count++;
    }

    /// <summary>Every frame number, in the order added.</summary>
    public readonly IEnumerable<long> Frames()
    {
        foreach (var frame in this)
            yield return frame;
    }

    /// <summary>For <c>foreach</c> without an allocation: the triage index walks millions of these.</summary>
    public readonly Enumerator GetEnumerator() => new(this);

    public struct Enumerator(FrameList list)
    {
        private int _position = -1;

        public long Current { get; private set; }

        public bool MoveNext()
        {
            if (_position < 0)
            {
                _position = 0;
                Current = list.First;
                return list.Count > 0;
            }
            if (_position >= list._length)
                return false;
            ulong step = 0;
            var shift = 0;
            byte b;
            do
            {
                b = list.ByteAt(_position++);
                step |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            Current += (long)step;
            return true;
        }
    }

    [MethodImpl(HotPath.Compilation)]
    private void Append(byte b)
    {
        if (_length < sizeof(ulong))
            _inline |= (ulong)b << (8 * _length);
        else
        {
            var at = _length - sizeof(ulong);
            if (_rest is null || at == _rest.Length)
                Array.Resize(ref _rest, Math.Max(8, at * 2));
            _rest[at] = b;
        }
        _length++;
    }

    private readonly byte ByteAt(int position) =>
        position < sizeof(ulong) ? (byte)(_inline >> (8 * position)) : _rest![position - sizeof(ulong)];
}
