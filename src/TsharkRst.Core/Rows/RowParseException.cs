namespace TsharkRst.Rows;

/// <summary>A value in tshark's output did not parse as its field's type.</summary>
public sealed class RowParseException(string field, string value, string expected)
    : TsharkRstException($"field {field}: '{Shorten(value)}' is not {expected}")
{
    public string Field { get; } = field;

    public string Value { get; } = value;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
