using System.Runtime.CompilerServices;

namespace TsharkRst.Rows;

/// <summary>The lines of tshark's output as bytes, read while tshark writes them: a line ends at
/// '\n' (a '\r' before it is dropped: tshark escapes both inside values), and a last line without
/// one still counts.</summary>
internal sealed class TsharkLines(Stream output)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _ended;

    public byte[] Buffer => _buffer;

    /// <summary>The next line, as a range of <see cref="Buffer"/> valid until the next call.</summary>
    [MethodImpl(HotPath.Compilation)]
    public bool Next(out int offset, out int length)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                offset = _start;
                length = newline > 0 && _buffer[_start + newline - 1] == '\r' ? newline - 1 : newline;
                _start += newline + 1;
                return true;
            }
            if (_ended)
            {
                offset = _start;
                length = _end - _start;
                _start = _end;
                return length > 0;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        var read = output.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _ended = true;
        _end += read;
    }
}
