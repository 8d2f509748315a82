using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TsharkRst.Rows;

/// <summary>How a value tshark prints with <c>-T fields</c> is framed and read back, the same way
/// whatever tshark wrote it.
/// <para>Framing: rows end at a newline and columns at a tab, which every tshark writes as <c>\n</c> and
/// <c>\t</c> inside a value. Occurrences of a field are joined with byte 0xF4 (<c>-E aggregator</c>
/// takes the first byte of <see cref="TsharkAggregator"/>): tshark's text is UTF-8, where 0xF4 only
/// starts a character and is then followed by 0x80–0x8F, while the next occurrence starts with a byte
/// that never is. No packet byte can forge it.</para>
/// <para>Display: tshark 4.0 writes <c>\b \t \n \f \r</c> and leaves other control characters and
/// backslashes as they are; 4.4 and 4.6 also write <c>\a \v</c> and a backslash as <c>\\</c>. Read
/// back, a doubled backslash is one again, and every control character left is written as
/// <c>\a</c>…<c>\r</c> or <c>\xNN</c> (format characters such as bidi overrides as <c>\u{NNNN}</c>):
/// every tshark gives the same text, and no value hides a character a reader cannot see.</para></summary>
public static class FieldText
{
    /// <summary>tshark's <c>-E aggregator</c>: it takes the first byte of the argument's UTF-8 (0xF4).</summary>
    public const string TsharkAggregator = "\U0010FFFF";

    private const byte AggregatorByte = 0xF4;

    /// <summary>Joins the occurrences of a field in a row's values: a control character, which a value
    /// read back never holds.</summary>
    public const char OccurrenceSeparator = '\u001f';

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>One column of tshark's output, its occurrences read back and joined with
    /// <see cref="OccurrenceSeparator"/>.</summary>
    [MethodImpl(HotPath.Compilation)]
    public static string Read(ReadOnlySpan<byte> column, bool backslashEscaped)
    {
        var end = NextAggregator(column);
        if (end < 0)
            return ReadOne(column, backslashEscaped);
        var joined = new StringBuilder(column.Length);
        while (end >= 0)
        {
            joined.Append(ReadOne(column[..end], backslashEscaped)).Append(OccurrenceSeparator);
            column = column[(end + 1)..];
            end = NextAggregator(column);
        }
        return joined.Append(ReadOne(column, backslashEscaped)).ToString();
    }

    /// <summary>The columns of a line as tshark wrote them, occurrences joined with
    /// <see cref="OccurrenceSeparator"/> but nothing else read back (to compare with another tshark).</summary>
    public static string[] Columns(ReadOnlySpan<byte> line)
    {
        var columns = new List<string>();
        foreach (var range in line.Split((byte)'\t'))
        {
            var column = line[range];
            var occurrences = new List<string>();
            for (var end = NextAggregator(column); end >= 0; end = NextAggregator(column))
            {
                occurrences.Add(Utf8.GetString(column[..end]));
                column = column[(end + 1)..];
            }
            occurrences.Add(Utf8.GetString(column));
            columns.Add(string.Join(OccurrenceSeparator, occurrences));
        }
        return columns.ToArray();
    }

    /// <summary>Where the next occurrence ends (0xF4 not starting a character), or -1.</summary>
    [MethodImpl(HotPath.Compilation)]
    private static int NextAggregator(ReadOnlySpan<byte> column)
    {
        var from = 0;
        while (from < column.Length)
        {
            var at = column[from..].IndexOf(AggregatorByte);
            if (at < 0)
                return -1;
            at += from;
            if (at + 1 >= column.Length || column[at + 1] is < 0x80 or > 0x8F)
                return at;
            from = at + 1;
        }
        return -1;
    }

    [MethodImpl(HotPath.Compilation)]
    private static string ReadOne(ReadOnlySpan<byte> value, bool backslashEscaped)
    {
        // Most values (numbers, addresses, names) hold nothing to rewrite.
        if (IsPlain(value))
            return Utf8.GetString(value);
        return Display(Utf8.GetString(value), backslashEscaped);
    }

    /// <summary>Bytes after which a value may need rewriting: controls, the backslash, DEL, and the lead
    /// bytes of every character from U+0080 (C1 controls and format characters among them).</summary>
    private static readonly SearchValues<byte> NotPlain = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'\\', 0x7F, .. Enumerable.Range(0xC2, 0x3E).Select(b => (byte)b)]);

    private static bool IsPlain(ReadOnlySpan<byte> value) => !value.ContainsAny(NotPlain);

    /// <summary>tshark's text of one occurrence as every tshark shows it (see the class summary).</summary>
    public static string Display(string text, bool backslashEscaped)
    {
        // Most text beyond ASCII is shown as it is (Info's arrow between ports, on every row with a payload).
        if (!text.Contains('\\') && !HasControlOrFormat(text))
            return text;
        var shown = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                // 4.4+ doubled it; any other escape it wrote (\t, \a, ...) is kept as 4.0 shows it.
                shown.Append('\\');
                if (backslashEscaped && i + 1 < text.Length && text[i + 1] == '\\')
                    i++;
                continue;
            }
            if (char.IsControl(c))
            {
                shown.Append(c switch
                {
                    '\a' => @"\a",
                    '\b' => @"\b",
                    '\t' => @"\t",
                    '\n' => @"\n",
                    '\v' => @"\v",
                    '\f' => @"\f",
                    '\r' => @"\r",
                    _ => $@"\x{(int)c:x2}",
                });
                continue;
            }
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                shown.Append(CultureInfo.InvariantCulture, $@"\u{{{(int)c:X4}}}");
                continue;
            }
            shown.Append(c);
        }
        return shown.ToString();
    }

    private static bool HasControlOrFormat(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return true;
        return false;
    }
}
