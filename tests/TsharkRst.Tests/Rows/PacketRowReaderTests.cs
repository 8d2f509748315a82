using System.Net;
using System.Reflection;
using System.Text;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Rows;

public class PacketRowReaderTests
{
    /// <summary>Where tshark's aggregator goes in a test's text: the raw byte 0xF4 in the bytes read.</summary>
    private const char Agg = '\uE000';

    private static (List<PacketRecord> Rows, List<string> Errors) Read(string text, bool backslashEscaped = false)
    {
        var errors = new List<string>();
        var rows = new PacketRowReader(new MemoryStream(TsharkBytes(text)), backslashEscaped).ReadAll(errors).ToList();
        return (rows, errors);
    }

    /// <summary>The UTF-8 of <paramref name="text"/> with each <see cref="Agg"/> as tshark's aggregator byte.</summary>
    internal static byte[] TsharkBytes(string text) =>
        text.Split(Agg).Select(Encoding.UTF8.GetBytes).Aggregate((a, b) => [.. a, 0xF4, .. b]);

    [Fact]
    public void Rows_of_a_focused_capture_carry_the_original_frame_numbers_in_the_row_and_its_values()
    {
        var errors = new List<string>();
        var text = "frame.number\tip.src\n1\t192.0.2.10\n2\t198.51.100.10\n";
        var rows = new PacketRowReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), originalFrame: new TsharkRst.Capture.FrameMap([40, 4000]).Original)
            .ReadAll(errors).ToList();
        Assert.Empty(errors);
        Assert.Equal([40L, 4000], rows.Select(r => r.Row.Frame));
        Assert.Equal(["40", "4000"], rows.Select(r => r.Values[0]));
    }

    [Fact]
    public void Columns_are_matched_by_header_name_in_any_order()
    {
        var (rows, errors) = Read($"tcp.flags\tframe.number\tip.src\tframe.time_epoch\n0x0012\t7\t198.51.100.10\t1700000000.123456789\n");
        Assert.Empty(errors);
        var row = Assert.Single(rows).Row;
        Assert.Equal(7, row.Frame);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, row.Flags);
        Assert.Equal(IPAddress.Parse("198.51.100.10"), row.Source);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddTicks(1234567), row.Time);
    }

    [Fact]
    public void Fields_that_occur_twice_keep_every_value_or_the_inner_header()
    {
        var (rows, _) = Read($"frame.number\tip.src\tip.ttl\ttls.record.content_type\ttls.handshake.extensions_alpn_str\n" +
                             $"1\t203.0.113.1{Agg}192.0.2.10\t60{Agg}64\t22{Agg}20{Agg}22\th2{Agg}http/1.1\n");
        var row = Assert.Single(rows).Row;
        Assert.Equal(IPAddress.Parse("192.0.2.10"), row.Ipv4Source);
        Assert.Equal(64, row.Ttl);
        Assert.Equal([22, 20, 22], row.TlsContentTypes);
        Assert.Equal(["h2", "http/1.1"], row.TlsAlpn);
    }

    [Fact]
    public void Values_that_alternate_between_rows_and_values_seen_three_rows_back_read_as_written()
    {
        // Two values a column are remembered: a connection's directions alternate; a third value pushes out the older.
        var (rows, errors) = Read("frame.number\tip.src\tip.dst\ttcp.srcport\n" +
                                  "1\t192.0.2.10\t198.51.100.10\t40000\n" +
                                  "2\t198.51.100.10\t192.0.2.10\t443\n" +
                                  "3\t192.0.2.10\t198.51.100.10\t40000\n" +
                                  "4\t203.0.113.7\t192.0.2.10\t443\n" +
                                  "5\t198.51.100.10\t192.0.2.10\t443\n" +
                                  "6\t192.0.2.10\t203.0.113.7\t40001\n");
        Assert.Empty(errors);
        Assert.Equal(["192.0.2.10", "198.51.100.10", "192.0.2.10", "203.0.113.7", "198.51.100.10", "192.0.2.10"],
            rows.Select(r => r.Row.Source!.ToString()));
        Assert.Equal(["198.51.100.10", "192.0.2.10", "198.51.100.10", "192.0.2.10", "192.0.2.10", "203.0.113.7"],
            rows.Select(r => r.Row.Destination!.ToString()));
        Assert.Equal([40000, 443, 40000, 443, 443, 40001], rows.Select(r => r.Row.SourcePort!.Value));
        Assert.Equal(["192.0.2.10", "198.51.100.10", "192.0.2.10", "203.0.113.7", "198.51.100.10", "192.0.2.10"],
            rows.Select(r => r.Values[1]));
        // A repeated value is the same text, and its address is parsed once.
        Assert.Same(rows[0].Values[1], rows[2].Values[1]);
        Assert.Same(rows[0].Row.Source, rows[2].Row.Source);
    }

    [Theory]
    [InlineData("1700000000.123456789", 1700000000L, 1234567L)]
    [InlineData("1700000000.5", 1700000000L, 5000000L)]
    [InlineData("1700000000.", 1700000000L, 0L)]
    [InlineData("1700000000", 1700000000L, 0L)]
    [InlineData("-1.5", -1L, 5000000L)] // the sign is the whole second's: the fraction counts on from it, as it always did
    public void Epoch_times_are_read_to_the_100_ns_a_time_holds(string text, long seconds, long ticks) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks), PacketRowBinding.ParseEpoch("frame.time_epoch", text));

    [Theory]
    [InlineData("1700000000.12a")]
    [InlineData("17x.5")]
    [InlineData(".5")]
    [InlineData("99999999999999")]
    public void Text_that_is_no_epoch_time_is_refused(string text) =>
        Assert.Equal($"field frame.time_epoch: '{text}' is not a time in epoch seconds",
            Assert.Throws<RowParseException>(() => PacketRowBinding.ParseEpoch("frame.time_epoch", text)).Message);

    [Fact]
    public void Hostile_strings_with_quotes_and_commas_stay_in_their_column()
    {
        var (rows, errors) = Read("frame.number\thttp.request.uri\thttp.host\n1\t/a\"b,c|d\\t<script>\tx\"<b>,|y\n");
        Assert.Empty(errors);
        var row = Assert.Single(rows).Row;
        Assert.Equal("/a\"b,c|d\\t<script>", row.HttpUri);
        Assert.Equal("x\"<b>,|y", row.HttpHost);
    }

    [Fact]
    public void Booleans_read_as_1_and_0_in_the_row_and_its_values_whether_tshark_wrote_words_or_digits()
    {
        const string Header = "frame.number\tdns.flags.response\ttcp.analysis.duplicate_ack\n";
        var (words, _) = Read(Header + $"1\tTrue\t1{Agg}1\n2\tFalse\t\n", backslashEscaped: true);
        var (digits, _) = Read(Header + $"1\t1\t1{Agg}1\n2\t0\t\n");
        Assert.Equal([true, false], words.Select(r => r.Row.DnsResponse));
        Assert.Equal([true, false], words.Select(r => r.Row.DuplicateAck));
        Assert.Equal(digits.Select(r => r.Values), words.Select(r => r.Values));
        Assert.Equal(["1", "0"], words.Select(r => r.Values[1]));
    }

    [Fact]
    public void The_request_URI_that_tshark_4_4_adds_to_a_response_row_is_dropped_from_the_row_and_its_values()
    {
        var (rows, errors) = Read("frame.number\thttp.request.method\thttp.request.uri\thttp.response.code\n" +
                                  "4\tGET\t/index.html\t\n6\t\t/index.html\t200\n", backslashEscaped: true);
        Assert.Empty(errors);
        Assert.Equal(["/index.html", null], rows.Select(r => r.Row.HttpUri));
        Assert.Equal(["/index.html", ""], rows.Select(r => r.Values[2]));
    }

    [Fact]
    public void The_probe_rows_of_tshark_4_0_and_4_4_read_to_identical_values()
    {
        // What each wrote for the HTTP request and its response (TsharkProbe): the URI is "/probe", '\\' and BEL.
        const string Header = "frame.number\thttp.request.method\thttp.request.uri\thttp.response.code\tdns.flags.response\n";
        var (old, _) = Read(Header + "1\tGET\t/probe\\\a\t\t\n2\t\t\t204\t\n3\t\t\t\t1\n");
        var (newer, _) = Read(Header + "1\tGET\t/probe\\\\\\a\t\t\n2\t\t/probe\\\\\\a\t204\t\n3\t\t\t\tTrue\n", backslashEscaped: true);
        Assert.Equal(@"/probe\\a", old[0].Row.HttpUri);
        Assert.Equal(old.Select(r => string.Join('|', r.Values)), newer.Select(r => string.Join('|', r.Values)));
    }

    [Fact]
    public void A_column_tshark_4_4_heads_in_lower_case_is_bound_and_named_as_the_field_list_spells_it()
    {
        var errors = new List<string>();
        var reader = new PacketRowReader(new MemoryStream("frame.number\ttcp.len\t_ws.col.info\n1\t240\tClient Hello (SNI=a.example)\n2\t0\t443 → 5 [ACK]\n"u8.ToArray()), true);
        var rows = reader.ReadAll(errors).ToList();
        Assert.Empty(errors);
        Assert.Equal("Client Hello (SNI=a.example)", rows[0].Row.Info);
        Assert.Null(rows[1].Row.Info); // kept only where there is payload
        Assert.Equal(["frame.number", "tcp.len", "_ws.col.Info"], reader.Columns);
    }

    [Fact]
    public void Lines_ending_in_CR_LF_and_a_last_line_without_a_newline_are_read()
    {
        var (rows, errors) = Read("frame.number\ttcp.len\r\n1\t0\r\n2\t10");
        Assert.Empty(errors);
        Assert.Equal([0, 10], rows.Select(r => r.Row.TcpLength));
    }

    [Fact]
    public void A_row_that_does_not_parse_is_named_and_skipped_and_the_rest_is_read()
    {
        var (rows, errors) = Read("frame.number\ttcp.seq_raw\n1\t100\n2\tabc\n3\t300\n");
        Assert.Equal([1L, 3L], rows.Select(r => r.Row.Frame));
        Assert.Equal("row 2 (frame 2): field tcp.seq_raw: 'abc' is not a whole number in range.", Assert.Single(errors));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_reported()
    {
        var (rows, errors) = Read("frame.number\ttcp.len\n1\t0\n2\t0\textra\n");
        Assert.Single(rows);
        Assert.Equal("row 2: 3 columns where the header has 2.", Assert.Single(errors));
    }

    [Fact]
    public void Every_line_of_tshark_fields_txt_maps_to_exactly_one_property_and_back()
    {
        var fileNames = TsharkFields.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tshark-fields.txt"))).Names;
        var propertyNames = typeof(PacketRow).GetProperties()
            .Select(p => p.GetCustomAttribute<TsharkFieldAttribute>()?.Name)
            .OfType<string>()
            .ToList();
        Assert.Equal(fileNames.Order(), propertyNames.Order());
        Assert.Equal(propertyNames.Count, propertyNames.Distinct().Count());
        Assert.Equal(fileNames, TsharkFields.BuiltIn.Names);
    }
}
