using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TsharkRst.Rows;

/// <summary>Parses tshark's tab-separated field output row by row while tshark is still writing it,
/// byte by byte (see <see cref="FieldText"/> for the framing and how values are read back). Columns are
/// matched by the header names; a row that does not parse is reported (row, field, value) and skipped,
/// and the rest of the capture is still read. Rows of a focused capture get their original frame
/// numbers through <paramref name="originalFrame"/> as soon as they are parsed (also where Info names one).</summary>
/// <param name="backslashEscaped">this tshark writes a backslash as <c>\\</c> (4.4 and later)</param>
public sealed class PacketRowReader(Stream output, bool backslashEscaped = false, Func<long, long>? originalFrame = null)
{
    /// <summary>Most row errors kept word for word; the rest are only counted.</summary>
    public const int MaxErrorsKept = 50;

    /// <summary>The column names of the header row, available once reading started.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];

    /// <summary>Every row; those that do not parse go to <paramref name="errors"/> (see <see cref="UnparsedRows"/>).</summary>
    public IEnumerable<PacketRecord> ReadAll(ICollection<string> errors, CancellationToken cancellationToken = default)
    {
        var unparsed = new UnparsedRows(errors);
        foreach (var record in ReadAll(unparsed.Add, cancellationToken))
            yield return record;
        unparsed.Complete();
    }

    /// <summary>Every row; each row that does not parse goes to <paramref name="unparsed"/>, in its place.</summary>
    public IEnumerable<PacketRecord> ReadAll(Action<string> unparsed, CancellationToken cancellationToken = default)
    {
        var lines = new TsharkLines(output);
        int offset, length;
        do
        {
            if (!lines.Next(out offset, out length))
                yield break;
        }
        while (length == 0);
        Columns = Header(lines.Buffer, offset, length).Select(PacketRowBinding.Canonical).ToArray();
        var setters = Columns.Select(name => PacketRowBinding.Setters.GetValueOrDefault(name)).ToArray();
        var flags = Columns.Select(PacketRowBinding.IsFlag).ToArray();
        var frameColumn = IndexOf("frame.number");
        var (methodColumn, uriColumn) = (IndexOf("http.request.method"), IndexOf("http.request.uri"));
        var infoColumn = IndexOf("_ws.col.Info");
        var rowNumber = 0L;
        while (lines.Next(out offset, out length))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (length == 0)
                continue;
            rowNumber++;
            var values = Values(lines.Buffer, offset, length, flags);
            if (TryParse(values, setters, rowNumber, out var row, out var error))
            {
                if (originalFrame is not null && frameColumn >= 0)
                {
                    row.Frame = originalFrame(row.Frame);
                    values[frameColumn] = row.Frame.ToString(CultureInfo.InvariantCulture);
                    if (infoColumn >= 0 && values[infoColumn].Length > 0)
                    {
                        values[infoColumn] = InfoFrames.Renumbered(values[infoColumn], originalFrame);
                        if (row.Info is not null)
                            row.Info = values[infoColumn];
                    }
                }
                // tshark 4.4+ also names the request's URI on its response; 4.0 only on the request.
                if (row is { HttpMethod: null, HttpUri: not null } && uriColumn >= 0 && methodColumn >= 0)
                {
                    row = row with { HttpUri = null };
                    values[uriColumn] = "";
                }
                yield return new PacketRecord(row, values);
                continue;
            }
            unparsed(error);
        }
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column)
                return i;
        return -1;
    }

    private static string[] Header(byte[] buffer, int offset, int length)
    {
        var line = new ReadOnlySpan<byte>(buffer, offset, length);
        var names = new List<string>();
        foreach (var range in line.Split((byte)'\t'))
            names.Add(Encoding.UTF8.GetString(line[range]));
        return names.ToArray();
    }

    [MethodImpl(HotPath.Compilation)]
    private string[] Values(byte[] buffer, int offset, int length, bool[] flags)
    {
        var line = new ReadOnlySpan<byte>(buffer, offset, length);
        var values = new string[line.Count((byte)'\t') + 1];
        if (_recent.Length < values.Length * Remembered)
        {
            Array.Resize(ref _recent, values.Length * Remembered);
            Array.Resize(ref _older, values.Length);
        }
        var i = 0;
        foreach (var range in line.Split((byte)'\t'))
        {
            var column = line[range];
            if (column.IsEmpty)
                values[i] = "";
            else if (Recent(i, column) is { } text)
                values[i] = text; // most columns repeat one of the rows before: the same text, no new string
            else
            {
                var value = FieldText.Read(column, backslashEscaped);
                // Booleans: 4.0 prints 1 and 0, 4.4+ True and False.
                values[i] = i < flags.Length && flags[i] ? value.Replace("True", "1").Replace("False", "0") : value;
                // The older of the two gives way.
                ref var older = ref _recent[i * Remembered + _older[i]];
                _older[i] = (byte)((_older[i] + 1) % Remembered);
                if (older.Bytes is null || older.Bytes.Length < column.Length)
                    older.Bytes = new byte[Math.Max(column.Length, 16)];
                column.CopyTo(older.Bytes);
                older.Length = column.Length;
                older.Text = values[i];
            }
            i++;
        }
        return values;
    }

    /// <summary>The text of column <paramref name="i"/> when one of the values remembered holds these bytes.</summary>
    private string? Recent(int i, ReadOnlySpan<byte> column)
    {
        foreach (ref readonly var recent in _recent.AsSpan(i * Remembered, Remembered))
            if (recent.Text is not null && column.SequenceEqual(recent.Bytes.AsSpan(0, recent.Length)))
                return recent.Text;
        return null;
    }

    /// <summary>Values remembered per column: two, as a connection's rows alternate between its directions (addresses,
    /// ports, TTLs, windows).</summary>
    private const int Remembered = 2;

    /// <summary>The bytes and text of the latest different values of each column, <see cref="Remembered"/> a column.</summary>
    private (byte[] Bytes, int Length, string? Text)[] _recent = [];

    /// <summary>Which of a column's remembered values is the older.</summary>
    private byte[] _older = [];

    [MethodImpl(HotPath.Compilation)]
    private bool TryParse(
        string[] values, Func<PacketRow, string, PacketRow>?[] setters, long rowNumber, out PacketRow row, out string error)
    {
        row = new PacketRow();
        error = "";
        if (values.Length != setters.Length)
        {
            error = $"row {rowNumber}: {values.Length} columns where the header has {setters.Length}.";
            return false;
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Length == 0 || setters[i] is not { } set)
                continue;
            try
            {
                row = set(row, values[i]);
            }
            catch (RowParseException ex)
            {
                var frame = Columns[0] == "frame.number" ? $" (frame {values[0]})" : "";
                error = $"row {rowNumber}{frame}: {ex.Message}.";
                return false;
            }
        }
        return true;
    }
}
