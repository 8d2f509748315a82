using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>How one tshark writes field text where versions differ, as its <see cref="TsharkProbe"/>
/// showed. The row reader reads every dialect back to the same text.</summary>
/// <param name="EscapesBackslash">a backslash is written <c>\\</c> (and BEL, VT as <c>\a</c>, <c>\v</c>): 4.4 and later</param>
/// <param name="BooleanWords">booleans are <c>True</c>/<c>False</c> rather than <c>1</c>/<c>0</c>: 4.4 and later</param>
/// <param name="UriOnResponses"><c>http.request.uri</c> is also on the response's row: 4.4 and later</param>
public sealed record TsharkDialect(bool EscapesBackslash, bool BooleanWords, bool UriOnResponses)
{
    /// <summary>tshark 4.0's, which the probe's reference text is.</summary>
    public static TsharkDialect Reference { get; } = new(false, false, false);

    /// <summary>The differences from 4.0, in words, or none.</summary>
    public IReadOnlyList<string> Differences =>
    [
        .. EscapesBackslash ? [@"a backslash as \\ (read back as one), BEL and VT as \a and \v"] : Array.Empty<string>(),
        .. BooleanWords ? ["booleans as True/False (read as 1/0)"] : Array.Empty<string>(),
        .. UriOnResponses ? ["http.request.uri on responses too (kept on requests only)"] : Array.Empty<string>(),
    ];

    /// <summary>True when a field's text differs from 4.0's only as this dialect says it does.</summary>
    public bool Explains(string field, int frame, string text, string reference)
    {
        if (UriOnResponses && field == "http.request.uri" && frame == 2 && reference.Length == 0)
            return true;
        var expected = EscapesBackslash ? reference.Replace(@"\", @"\\").Replace("\a", @"\a").Replace("\v", @"\v") : reference;
        if (BooleanWords && PacketRowBinding.IsFlag(field))
            expected = expected.Replace("1", "True").Replace("0", "False");
        return text == expected;
    }

    /// <summary>As kept in the version cache: the names of the differences, or "4.0".</summary>
    public string CacheText => string.Join(',', new[]
    {
        EscapesBackslash ? "backslash" : null,
        BooleanWords ? "booleans" : null,
        UriOnResponses ? "uri-on-responses" : null,
    }.OfType<string>().DefaultIfEmpty("4.0"));

    public static TsharkDialect? FromCacheText(string text)
    {
        var names = text.Split(',');
        if (names.Except(["4.0", "backslash", "booleans", "uri-on-responses"]).Any())
            return null;
        return new TsharkDialect(names.Contains("backslash"), names.Contains("booleans"), names.Contains("uri-on-responses"));
    }
}
