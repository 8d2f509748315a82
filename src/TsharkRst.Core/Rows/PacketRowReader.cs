using System.Globalization;
using CsvHelper;

namespace TsharkRst.Rows;

/// <summary>Parses tshark's tab-separated field output row by row while tshark is still writing it.
/// Columns are matched by the header names; a row that does not parse is reported (row, field,
/// value) and skipped, and the rest of the capture is still read. Rows of a focused capture get
/// their original frame numbers through <paramref name="originalFrame"/> as soon as they are parsed.</summary>
public sealed class PacketRowReader(Stream utf8Input, Func<long, long>? originalFrame = null)
{
    /// <summary>Most row errors kept word for word; the rest are only counted.</summary>
    public const int MaxErrorsKept = 50;

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = '\t',
        // tshark neither quotes nor escapes quote characters in this mode: read them as text.
        Mode = CsvMode.NoEscape,
        HasHeader = true,
        SkipEmptyLines = true,
        TrackLineNumbers = false,
    };

    /// <summary>The column names of the header row, available once reading started.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];

    public IEnumerable<PacketRecord> ReadAll(ICollection<string> errors, CancellationToken cancellationToken = default)
    {
        using var csv = CsvReader.Create(utf8Input, Options, true);
        if (!csv.Read())
            yield break;
        Columns = csv.Headers.ToArray();
        var setters = Columns.Select(name => PacketRowBinding.Setters.GetValueOrDefault(name)).ToArray();
        var frameColumn = Columns.ToList().IndexOf("frame.number");
        var dropped = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = new string[csv.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = csv.GetString(i);
            if (TryParse(values, setters, csv.RowNumber, out var row, out var error))
            {
                if (originalFrame is not null && frameColumn >= 0)
                {
                    row = row with { Frame = originalFrame(row.Frame) };
                    values[frameColumn] = row.Frame.ToString(CultureInfo.InvariantCulture);
                }
                yield return new PacketRecord(row, values);
                continue;
            }
            if (errors.Count < MaxErrorsKept)
                errors.Add(error);
            else
                dropped++;
        }
        while (csv.Read());
        if (dropped > 0)
            errors.Add($"{dropped} more rows could not be parsed.");
    }

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
