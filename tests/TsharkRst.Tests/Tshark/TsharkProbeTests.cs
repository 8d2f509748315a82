using System.Text.RegularExpressions;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

/// <summary>How each tshark writes what versions write differently, learnt from its probe.</summary>
public class TsharkProbeTests
{
    private static readonly string[] Header = [.. TsharkFields.BuiltIn.Names];

    /// <summary>The probe's rows as a tshark wrote them: 4.0's reference, changed by <paramref name="change"/>.</summary>
    private static List<string[]> Rows(Action<int, Dictionary<string, string>>? change = null) =>
        TsharkProbe.Reference.Select((reference, i) =>
        {
            var row = new Dictionary<string, string>(reference);
            change?.Invoke(i + 1, row);
            return Header.Select(field => row.GetValueOrDefault(field, "")).ToArray();
        }).ToList();

    [Fact]
    public void Tshark_4_0s_rows_are_the_reference_dialect_with_no_difference()
    {
        var result = TsharkProbe.Compare(Header, Rows());
        Assert.Equal(TsharkDialect.Reference, result.Dialect);
        Assert.Empty(result.Differences);
        Assert.Empty(result.Dialect.Differences);
    }

    [Fact]
    public void Tshark_4_4s_rows_show_its_three_differences_and_nothing_else()
    {
        // As 4.4.19 and 4.6.9 wrote them, the summary column headed in lower case.
        var header = Header.Select(name => name == "_ws.col.Info" ? "_ws.col.info" : name).ToArray();
        var result = TsharkProbe.Compare(header, Rows((frame, row) =>
        {
            if (frame is 1 or 2)
                row["http.request.uri"] = @"/probe\\\a";
            if (frame == 1)
                row["_ws.col.Info"] = @"GET /probe\\\\a HTTP/1.1 ";
            if (frame is 1 or 2 or 3)
                row["ip.flags.df"] = "True";
            if (frame == 3)
                row["dns.flags.response"] = "True";
            if (frame == 4)
                row["_ws.col.Info"] = "Client Hello (SNI=probe.example)";
        }));
        Assert.Equal(new TsharkDialect(EscapesBackslash: true, BooleanWords: true, UriOnResponses: true), result.Dialect);
        Assert.Empty(result.Differences);
        Assert.Equal(3, result.Dialect.Differences.Count);
        Assert.Equal([("_ws.col.Info", 4, "Client Hello (SNI=probe.example)", "Client Hello")], result.Summaries);
    }

    [Fact]
    public void Any_other_difference_is_named_with_both_texts()
    {
        var result = TsharkProbe.Compare(Header, Rows((frame, row) =>
        {
            if (frame == 4)
                row["tls.handshake.extensions_alpn_str"] = "h2,http/1.1";
        }));
        Assert.Equal(TsharkDialect.Reference, result.Dialect);
        Assert.Equal([("tls.handshake.extensions_alpn_str", 4, "h2,http/1.1", $"h2{FieldText.OccurrenceSeparator}http/1.1")], result.Differences);
    }

    [Fact]
    public async Task The_tshark_the_tests_use_reads_the_probe_as_its_version_says()
    {
        var tshark = TsharkProgram.Default;
        var version = await tshark.GetVersionAsync();
        var result = await TsharkProbe.RunAsync(tshark, TsharkFields.BuiltIn, CancellationToken.None);
        Assert.Empty(result.Differences);
        Assert.All(result.Summaries, summary => Assert.Equal("_ws.col.Info", summary.Field));
        var number = Version.Parse(Regex.Match(version, @"\d+\.\d+\.\d+").Value);
        var newer = number >= new Version(4, 4);
        Assert.Equal(new TsharkDialect(newer, newer, newer), result.Dialect);
        Assert.Equal(result.Dialect, await tshark.GetDialectAsync(TsharkFields.BuiltIn));
    }

    [Theory]
    [InlineData("TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).", "TShark (Wireshark) 4.0.17")]
    [InlineData("TShark (Wireshark) 4.4.19.", "TShark (Wireshark) 4.4.19")]
    [InlineData("TShark (Wireshark) 4.6.0 (v4.6.0-0-g1234abcd).", "TShark (Wireshark) 4.6.0")]
    [InlineData("TShark (Wireshark) 4.5.0 (v4.5.0rc0-1519-gdac4ac7b76ff)", "TShark (Wireshark) 4.5.0")]
    [InlineData("TShark 1.12.1 (Git Rev Unknown from unknown)", "TShark 1.12.1")]
    [InlineData("  TShark (Wireshark) 4.2.2 (Git v4.2.2 packaged as 4.2.2-1.1build3).\r", "TShark (Wireshark) 4.2.2")]
    [InlineData("something else.", "something else")]
    public void The_version_is_the_name_and_number_whatever_follows(string firstLine, string version)
    {
        Assert.Equal(version, TsharkProgram.VersionOf(firstLine));
    }

    [Fact]
    public void A_dialect_survives_the_cache_and_an_unknown_entry_is_probed_again()
    {
        foreach (var dialect in new[] { TsharkDialect.Reference, new TsharkDialect(true, true, true), new TsharkDialect(true, false, true) })
            Assert.Equal(dialect, TsharkDialect.FromCacheText(dialect.CacheText));
        Assert.Equal("4.0", TsharkDialect.Reference.CacheText);
        Assert.Null(TsharkDialect.FromCacheText("backslash,quotes"));
    }
}
