using System.Text;
using CsvHelper;
using TsharkRst.Rows;

namespace TsharkRst.Reports;

/// <summary>packets.csv: the rows tshark produced, one column per line of tshark-fields.txt, written
/// while tshark runs, each value as every output shows it (<see cref="FieldText"/>). Several occurrences
/// of a field are joined with '|'; inside a value a '|' is written "\|", and a '\' before a '|', another
/// '\' or the end of the value is doubled, so a cell splits back into exactly its occurrences; a cell
/// that a spreadsheet would run as a formula is written as text.</summary>
public sealed class PacketsCsv : IDisposable
{
    public const string FileName = "packets.csv";

    public const string MultiValueSeparator = "|";

    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\n",
    };

    private readonly PendingFile _file;
    private readonly CsvWriter _csv;
    private bool _headerWritten;
    private string[] _cells = [];

    /// <param name="bulk">written past the page cache (<see cref="UncachedFileStream.Worthwhile"/>)</param>
    public PacketsCsv(string path, bool bulk = false)
    {
        _file = new PendingFile(path, bulk);
        _csv = CsvWriter.Create(_file.Stream, Options, true);
    }

    public void Write(IReadOnlyList<string> columns, PacketRecord record)
    {
        if (!_headerWritten)
        {
            _csv.WriteHeader(columns.ToArray());
            _headerWritten = true;
        }
        // One array for every row: a new one each was a kilobyte a row, a third of a gigabyte in the worst case.
        if (_cells.Length < record.Values.Count)
            _cells = new string[record.Values.Count];
        var cells = _cells.AsSpan(0, record.Values.Count);
        for (var i = 0; i < cells.Length; i++)
            cells[i] = Cell(record.Values[i]);
        _csv.WriteRecord(cells);
    }

    /// <summary>A row's value (occurrences joined with <see cref="FieldText.OccurrenceSeparator"/>) as its cell.</summary>
    public static string Cell(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '|', FieldText.OccurrenceSeparator) < 0)
            return value;
        var cell = new StringBuilder(value.Length + 8);
        var occurrences = value.Split(FieldText.OccurrenceSeparator);
        for (var i = 0; i < occurrences.Length; i++)
        {
            if (i > 0)
                cell.Append(MultiValueSeparator);
            Escape(occurrences[i], cell);
        }
        return cell.ToString();
    }

    /// <summary>'|' as "\|"; a '\' doubled only where it could be misread: before '|' or '\', or last.
    /// The \xNN and \t of a value read back stay as they are.</summary>
    private static void Escape(string occurrence, StringBuilder cell)
    {
        for (var i = 0; i < occurrence.Length; i++)
        {
            var c = occurrence[i];
            if (c == '|')
                cell.Append(@"\|");
            else if (c == '\\' && (i + 1 == occurrence.Length || occurrence[i + 1] is '|' or '\\'))
                cell.Append(@"\\");
            else
                cell.Append(c);
        }
    }

    /// <summary>Finishes the file; with no row at all, it still gets its header.</summary>
    public void Complete(IReadOnlyList<string> columns)
    {
        if (!_headerWritten)
            _csv.WriteHeader(columns.ToArray());
        _csv.Flush();
        _csv.Dispose();
        _file.Commit();
    }

    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}
