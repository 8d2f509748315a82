using System.Runtime.CompilerServices;
namespace TsharkRst.Capture;

/// <summary>Reads a capture's bytes in order through one reusable buffer, and knows the offset of
/// each. A read returns a span into the buffer that is valid until the next read.</summary>
internal sealed class CaptureBytes(Stream stream)
{
    private const int ChunkSize = 1 << 20;

    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;

    /// <summary>The offset of the next byte to be read.</summary>
    public long Offset => _bufferOffset + _start;

    /// <summary>True once every byte of the stream has been read.</summary>
    public bool AtEnd => _start == _end && (_endOfStream || !Fill(1));

    /// <summary>Forgets what is buffered: the stream was moved to <paramref name="offset"/>.</summary>
    public void Restart(long offset)
    {
        (_start, _end, _bufferOffset, _endOfStream) = (0, 0, offset, false);
    }

    /// <summary>Reads <paramref name="count"/> bytes; fewer (perhaps none) when the stream ends first.</summary>
    [MethodImpl(HotPath.Compilation)]
    public ReadOnlySpan<byte> Read(int count)
    {
        if (_end - _start < count)
            Fill(count);
        var available = Math.Min(count, _end - _start);
        var bytes = _buffer.AsSpan(_start, available);
        _start += available;
        return bytes;
    }

    /// <summary>The next bytes without consuming them; fewer when the stream ends first.</summary>
    [MethodImpl(HotPath.Compilation)]
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_end - _start < count)
            Fill(count);
        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the stream ends first.</summary>
    [MethodImpl(HotPath.Compilation)]
    private bool Fill(int count)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
        while (_end < count && !_endOfStream)
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                _endOfStream = true;
            _end += read;
        }
        return _end >= count;
    }
}
