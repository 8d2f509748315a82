namespace TsharkRst.Rows;

/// <summary>The rows of one tshark pass that did not parse, as its errors name them: the first
/// <see cref="PacketRowReader.MaxErrorsKept"/> word for word, the rest counted in a last line.</summary>
public sealed class UnparsedRows(ICollection<string> errors)
{
    private long _dropped;

    public void Add(string error)
    {
        if (errors.Count < PacketRowReader.MaxErrorsKept)
            errors.Add(error);
        else
            _dropped++;
    }

    /// <summary>The pass is over: the rows not kept are counted.</summary>
    public void Complete()
    {
        if (_dropped > 0)
            errors.Add($"{_dropped} more rows could not be parsed.");
    }
}
