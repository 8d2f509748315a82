using CsvHelper;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Reports;

/// <summary>packets.csv: the rows tshark produced, one column per line of tshark-fields.txt, written
/// while tshark runs. Several occurrences of a field are joined with '|'; a cell that a spreadsheet
/// would run as a formula is written as text.</summary>
public sealed class PacketsCsv : IDisposable
{
    public const string MultiValueSeparator = "|";

    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\n",
    };

    private readonly PendingFile _file;
    private readonly CsvWriter _csv;
    private bool _headerWritten;

    public PacketsCsv(string path)
    {
        _file = new PendingFile(path);
        _csv = CsvWriter.Create(_file.Stream, Options, true);
    }

    public void Write(IReadOnlyList<string> columns, PacketRecord record)
    {
        if (!_headerWritten)
        {
            _csv.WriteHeader(columns.ToArray());
            _headerWritten = true;
        }
        var cells = new string[record.Values.Count];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = record.Values[i].Replace(TsharkDissection.Aggregator, MultiValueSeparator[0]);
        _csv.WriteRecord(cells);
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
