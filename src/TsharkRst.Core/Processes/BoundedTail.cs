using System.Text;

namespace TsharkRst.Processes;

/// <summary>Keeps only the last characters written to it, so a chatty stderr cannot grow memory.</summary>
internal sealed class BoundedTail(int capacity)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    /// <summary>Reads <paramref name="utf8"/> to its end, keeping the tail (a CliWrap pipe target's body).</summary>
    public async Task ReadAsync(Stream utf8, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(utf8, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            Append(buffer.AsSpan(0, read));
    }

    public void Append(ReadOnlySpan<char> chars)
    {
        lock (_gate)
        {
            _text.Append(chars);
            if (_text.Length > capacity * 2)
                _text.Remove(0, _text.Length - capacity);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var start = Math.Max(0, _text.Length - capacity);
            return _text.ToString(start, _text.Length - start);
        }
    }
}
