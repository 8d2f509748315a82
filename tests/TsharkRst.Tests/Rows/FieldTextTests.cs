using System.Text;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Rows;

/// <summary>tshark's field text framed and read back: the bytes below are what tshark 4.0 and 4.4/4.6
/// wrote for the same packet strings (see HostileBytesTests for the packets).</summary>
public class FieldTextTests
{
    private const char Sep = FieldText.OccurrenceSeparator;

    private static string Read(byte[] column, bool backslashEscaped = false) => FieldText.Read(column, backslashEscaped);

    [Fact]
    public void An_SNI_of_bytes_0x01_to_0x7f_reads_the_same_from_tshark_4_0_and_4_4()
    {
        // 4.0 escapes \b \t \n \f \r and leaves BEL, VT, other controls, DEL and the backslash as they are.
        byte[] written40 = [.. "a"u8, 1, 2, 3, 4, 5, 6, 7, .. @"\b\t\n"u8, 11, .. @"\f\r"u8, 14, 0x1F, .. @" [\]~"u8, 0x7F];
        // 4.4 and 4.6 also escape BEL and VT, and double the backslash.
        byte[] written44 = [.. "a"u8, 1, 2, 3, 4, 5, 6, .. @"\a\b\t\n\v\f\r"u8, 14, 0x1F, .. @" [\\]~"u8, 0x7F];
        const string Shown = @"a\x01\x02\x03\x04\x05\x06\a\b\t\n\v\f\r\x0e\x1f [\]~\x7f";
        Assert.Equal(Shown, Read(written40));
        Assert.Equal(Shown, Read(written44, backslashEscaped: true));
    }

    [Fact]
    public void Text_beyond_ASCII_without_controls_or_format_characters_is_shown_as_it_is()
    {
        const string Info = "40000 \u2192 443 [ACK] Seq=1 Ack=1 Win=502 Len=1448 \u00e9";
        Assert.Same(Info, FieldText.Display(Info, backslashEscaped: false));
        Assert.Equal(Info, Read(Encoding.UTF8.GetBytes(Info)));
        // A format character (a right-to-left override) and a C1 control are still shown escaped.
        Assert.Equal(@"a\u{202E}b\x85c", FieldText.Display("a\u202Eb\u0085c", backslashEscaped: false));
    }

    [Fact]
    public void A_backslash_in_the_packet_reads_as_one_whatever_tshark_wrote()
    {
        Assert.Equal(@"back\slash\x41\\.example", Read(@"back\slash\x41\\.example"u8.ToArray()));
        Assert.Equal(@"back\slash\x41\\.example", Read(@"back\\slash\\x41\\\\.example"u8.ToArray(), backslashEscaped: true));
        // A DNS name tshark escaped itself (\037 in octal) keeps that escape.
        Assert.Equal(@"evil\037name.example", Read(@"evil\\037name.example"u8.ToArray(), backslashEscaped: true));
    }

    [Fact]
    public void Occurrences_split_only_at_the_aggregator_byte_never_at_U001F_or_a_character_starting_with_0xF4()
    {
        Assert.Equal($"h2\\x1fx{Sep}http/1.1", Read([.. "h2"u8, 0x1F, .. "x"u8, 0xF4, .. "http/1.1"u8]));
        // U+10FFFF is F4 8F BF BF in UTF-8: a character, not a separator.
        Assert.Equal($"a\U0010FFFFb{Sep}c", Read([.. "a\U0010FFFFb"u8, 0xF4, .. "c"u8]));
        Assert.Equal($"{Sep}{Sep}", Read([0xF4, 0xF4]));
        Assert.Equal("\U0010FFFF", Read("\U0010FFFF"u8.ToArray()));
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_and_invisible_format_characters_are_shown()
    {
        Assert.Equal("x\uFFFDy", Read([.. "x"u8, 0xFF, .. "y"u8]));
        Assert.Equal(@"evil\u{202E}moc.example", Read(Encoding.UTF8.GetBytes("evil\u202Emoc.example")));
        Assert.Equal(@"c1\x85", Read(Encoding.UTF8.GetBytes("c1\u0085")));
    }

    [Fact]
    public void Columns_keep_the_text_as_tshark_wrote_it()
    {
        Assert.Equal(["1", $"/a\\\\b\a{Sep}x", ""], FieldText.Columns([.. "1\t/a\\\\b"u8, 7, 0xF4, .. "x\t"u8]));
    }
}
