using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsvHelper;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using TsharkRst.Analysis;
using TsharkRst.Capture;
using TsharkRst.Reports;
using TsharkRst.Tests.Capture;
using TsharkRst.Tests.Reports;
using TsharkRst.Tshark;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reliability;

/// <summary>Packet strings holding any byte from 0x01 to 0xff — U+001F, tabs, newlines, backslashes,
/// pipes, bytes that are not UTF-8 — come back whole, and the same under every tshark: in findings.json,
/// packets.csv, summary.md and report.html. Built here byte by byte (a ClientHello's SNI and ALPN, an HTTP
/// request's Host, URI and User-Agent, a DNS name), analysed through the tshark the tests use
/// ($TSHARKRST_TSHARK: the CI matrix runs it with 4.0, 4.4 and 4.6).</summary>
public sealed class HostileBytesTests : IAsyncLifetime
{
    private const string Client = "192.0.2.10";
    private const string Server = "198.51.100.10";
    private const long Start = 1_700_000_000_000_000_000;

    private static readonly byte[] Every = Enumerable.Range(1, 255).Select(b => (byte)b).ToArray();

    /// <summary>What GitHub renders: tables, strikethrough, autolinks, task lists, and math between dollars.</summary>
    private static readonly MarkdownPipeline GitHub = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks().UseTaskLists().UseMathematics().Build();

    private readonly string _output = Directory.CreateTempSubdirectory("tsharkrst-hostile-").FullName;
    private JsonArray _resets = [];
    private List<Dictionary<string, string>> _packets = [];
    private string _markdown = "";
    private string _html = "";

    /// <summary>What a reader sees of each byte in a string tshark reads as ASCII: printable ASCII as
    /// itself, control characters as C escapes or \xNN, bytes from 0x80 as U+FFFD.</summary>
    private static string Shown(IEnumerable<byte> bytes) => string.Concat(bytes.Select(b => b switch
    {
        7 => @"\a",
        8 => @"\b",
        9 => @"\t",
        10 => @"\n",
        11 => @"\v",
        12 => @"\f",
        13 => @"\r",
        < 0x20 or 0x7F => $@"\x{b:x2}",
        >= 0x80 => "\uFFFD",
        _ => ((char)b).ToString(),
    }));

    private static byte[] Bytes(string ascii, IEnumerable<byte>? then = null) => [.. Encoding.ASCII.GetBytes(ascii), .. then ?? []];

    private static byte[] Except(params byte[] left) => Every.Where(b => !left.Contains(b)).ToArray();

    public async Task InitializeAsync()
    {
        var packets = new List<(long, byte[])>();
        var time = Start;
        void Add(string from, string to, byte[] ip) =>
            packets.Add((time += 1_000_000, Frames.Ethernet(from == Client ? Frames.ClientMac : Frames.ServerMac,
                from == Client ? Frames.ServerMac : Frames.ClientMac, 0x0800, ip)));
        void Segment(string from, string to, int sourcePort, int destinationPort, uint seq, uint ack, TsharkRst.Rows.TcpFlags flags, byte[] payload) =>
            Add(from, to, Frames.Ipv4(from, to, 6, [.. Frames.Tcp(sourcePort, destinationPort, seq, ack, flags), .. payload]));
        // Handshake, the client's payload, and the server's RST: one reset connection per hostile payload.
        void Reset(int clientPort, int serverPort, byte[] payload)
        {
            Segment(Client, Server, clientPort, serverPort, 1000, 0, Syn, []);
            Segment(Server, Client, serverPort, clientPort, 5000, 1001, Syn | Ack, []);
            Segment(Client, Server, clientPort, serverPort, 1001, 5001, Ack, []);
            Segment(Client, Server, clientPort, serverPort, 1001, 5001, Psh | Ack, payload);
            Segment(Server, Client, serverPort, clientPort, 5001, 1001 + (uint)payload.Length, Rst | Ack, []);
        }

        Add("198.51.100.53", Client, Frames.Ipv4("198.51.100.53", Client, 17, Frames.Udp(53, 5353, DnsAnswer(Bytes("evil\u001fname"), Server))));
        Reset(40001, 443, ClientHello(Bytes("evil\u001fhost.example"), [Bytes("h2\u001fx"), Bytes("http/1.1")]));
        Reset(40002, 80, HttpRequest(Bytes("/a\u001fb"), Bytes("web\u001fhost.example"), Bytes("ua\u001fx")));
        Reset(40003, 8443, ClientHello(Bytes("all", Every), [Bytes(@"a\b|c"), Bytes("\t\n")]));
        Reset(40004, 8080, HttpRequest(Bytes("/u", Except(0x0A, 0x0D, 0x20)), Bytes("h", Except(0x0A, 0x0D)), Bytes("ua", Except(0x0A, 0x0D))));
        Reset(40005, 9443, ClientHello(Bytes("cut\0here"), [Bytes("h2")]));

        var capture = Path.Combine(_output, "hostile.pcap");
        await File.WriteAllBytesAsync(capture, CaptureFile.Pcap(LinkType.Ethernet, packets));
        var analyzer = new CaptureAnalyzer(new AnalysisSettings(), await TsharkProgram.Default.GetVersionAsync());
        var result = (await analyzer.AnalyzeAsync(new CaptureInput(capture, "hostile"), _output, CancellationToken.None)).Single();
        Assert.True(result.Succeeded, result.Failure);
        var folder = Path.Combine(_output, "hostile");
        _resets = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "findings.json")))!["resets"]!.AsArray();
        _packets = ReadPackets(Path.Combine(folder, "packets.csv"));
        _markdown = await File.ReadAllTextAsync(Path.Combine(folder, "summary.md"));
        _html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    private JsonObject Reset(int serverPort) =>
        _resets.OfType<JsonObject>().Single(r => (int)r["server"]!["port"]! == serverPort);

    private Dictionary<string, string> Packet(long frame) =>
        _packets.Single(p => p["frame.number"] == frame.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void A_U001F_in_SNI_ALPN_Host_URI_and_User_Agent_neither_cuts_nor_splits_a_value()
    {
        var tls = Reset(443)["tls"]!;
        Assert.Equal(@"evil\x1fhost.example", (string?)tls["sni"]);
        Assert.Equal([@"h2\x1fx", "http/1.1"], tls["alpn"]!.AsArray().Select(a => (string?)a));
        var http = Reset(80)["http"]!;
        Assert.Equal(@"web\x1fhost.example", (string?)http["host"]);
        Assert.Equal(@"/a\x1fb", (string?)http["uri"]);
        Assert.Equal("GET", (string?)http["method"]);

        // packets.csv: frame 5 is the ClientHello, frame 10 the request.
        Assert.Equal(@"evil\x1fhost.example", Html("data-sni", rstFrame: 6));
        Assert.Equal(@"web\x1fhost.example", Html("data-http-host", rstFrame: 11));
        Assert.Equal(@"/a\x1fb", Html("data-http-uri", rstFrame: 11));
        Assert.EndsWith(@"Host: web\x1fhost.example · User-Agent: ua\x1fx", LadderTitle(rstFrame: 11, frame: 10));
        Assert.Contains(@"(GET web\x1fhost.example/a\x1fb)", MarkdownSummary(2));

        Assert.Equal(@"evil\x1fhost.example", Packet(5)["tls.handshake.extensions_server_name"]);
        Assert.Equal(@"h2\x1fx|http/1.1", Packet(5)["tls.handshake.extensions_alpn_str"]);
        Assert.Equal(@"web\x1fhost.example", Packet(10)["http.host"]);
        Assert.Equal(@"/a\x1fb", Packet(10)["http.request.uri"]);
        Assert.Equal(@"ua\x1fx", Packet(10)["http.user_agent"]);
    }

    [Fact]
    public void Every_byte_from_0x01_to_0xff_in_an_SNI_comes_back_whole_and_shown_the_same_way()
    {
        var shown = "all" + Shown(Every);
        Assert.StartsWith(@"all\x01\x02\x03\x04\x05\x06\a\b\t\n\v\f\r\x0e", shown);
        Assert.Contains(@"\x1f !""#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f", shown);
        Assert.EndsWith(new string('\uFFFD', 128), shown);

        var tls = Reset(8443)["tls"]!;
        Assert.Equal(shown, (string?)tls["sni"]);
        // An ALPN name with a backslash and a pipe, another with a tab and a newline: two names, whole.
        Assert.Equal([@"a\b|c", @"\t\n"], tls["alpn"]!.AsArray().Select(a => (string?)a));
        // packets.csv joins occurrences with '|' and writes a '|' inside one as "\|" (no '\' here comes
        // before a '|', a '\' or the end, so none is doubled).
        Assert.Equal(shown.Replace("|", @"\|"), Packet(15)["tls.handshake.extensions_server_name"]);
        Assert.Equal(@"a\b\|c|\t\n", Packet(15)["tls.handshake.extensions_alpn_str"]);
        Assert.Equal(shown, Html("data-sni", rstFrame: 16));
    }

    [Fact]
    public void Every_byte_but_CR_and_LF_in_Host_URI_and_User_Agent_comes_back_whole()
    {
        var host = "h" + Shown(Except(0x0A, 0x0D));
        var uri = "/u" + Shown(Except(0x0A, 0x0D, 0x20));
        var agent = "ua" + Shown(Except(0x0A, 0x0D));
        var http = Reset(8080)["http"]!;
        Assert.Equal(host, (string?)http["host"]);
        Assert.Equal(uri, (string?)http["uri"]);
        Assert.Equal(host.Replace("|", @"\|"), Packet(20)["http.host"]);
        Assert.Equal(uri.Replace("|", @"\|"), Packet(20)["http.request.uri"]);
        Assert.Equal(agent.Replace("|", @"\|"), Packet(20)["http.user_agent"]);
        Assert.Equal(host, Html("data-http-host", rstFrame: 21));
        Assert.Equal(uri, Html("data-http-uri", rstFrame: 21));
        // The ladder names the request's Host and User-Agent in its arrow's title.
        Assert.EndsWith($"Host: {host} · User-Agent: {agent}", LadderTitle(rstFrame: 21, frame: 20));
        // summary.md escapes what GitHub's Markdown would read as markup, $ math included.
        Assert.Contains($"(GET {host}{uri})", MarkdownSummary(4));
    }

    [Fact]
    public void A_DNS_name_with_a_U001F_stays_one_name()
    {
        // tshark writes a DNS name's control bytes itself, as \NNN in octal, in every version.
        Assert.Equal([@"evil\037name.example"], Reset(443)["serverNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(@"evil\037name.example", Packet(1)["dns.qry.name"]);
        Assert.Equal("1", Packet(1)["dns.flags.response"]);
    }

    [Fact]
    public void Tshark_itself_ends_a_string_at_a_NUL_byte_in_every_version()
    {
        Assert.Equal("cut", (string?)Reset(9443)["tls"]!["sni"]);
    }

    [Fact]
    public void No_output_holds_a_control_character_a_reader_cannot_see()
    {
        Assert.DoesNotMatch(@"[\x00-\x09\x0b-\x1f\x7f]", _markdown);
        Assert.DoesNotMatch(@"[\x00-\x09\x0b-\x1f\x7f]", _html);
        Assert.All(_packets.SelectMany(p => p.Values), value => Assert.DoesNotMatch(@"[\x00-\x1f\x7f]", value));
        var table = Markdown.Parse(_markdown, GitHub).Descendants<Table>().Single();
        Assert.Equal(6, table.OfType<TableRow>().Count());
        Assert.All(table.OfType<TableRow>(), row => Assert.Equal(10, row.OfType<TableCell>().Count()));
    }

    /// <summary>The card of the reset whose RST is <paramref name="rstFrame"/> in report.html.</summary>
    private string Card(long rstFrame) =>
        Regex.Match(_html, $@"<article [^>]*data-rst-frame=""{rstFrame}""[\s\S]*?</article>").Value;

    /// <summary>The text of the element carrying <paramref name="attribute"/> in a card, as a browser shows it.</summary>
    private string Html(string attribute, long rstFrame) =>
        WebUtility.HtmlDecode(Regex.Match(Card(rstFrame), $@"<span[^>]*\b{attribute}\b[^>]*>([^<]*)</span>").Groups[1].Value);

    /// <summary>The hover text of a packet's arrow in a card's ladder, as a browser shows it.</summary>
    private string LadderTitle(long rstFrame, long frame) =>
        WebUtility.HtmlDecode(Regex.Match(Card(rstFrame), $@"<g [^>]*data-frame=""{frame}""[^>]*><title>([^<]*)</title>").Groups[1].Value);

    /// <summary>The summary cell of row <paramref name="number"/> of summary.md's table, as a Markdown reader shows it.</summary>
    private string MarkdownSummary(int number)
    {
        var table = Markdown.Parse(_markdown, GitHub).Descendants<Table>().Single();
        return table.OfType<TableRow>().Select(row => row.OfType<TableCell>().Select(MarkdownTableTests.CellText).ToList())
            .Single(cells => cells[0] == number.ToString(CultureInfo.InvariantCulture))[9];
    }

    private static List<Dictionary<string, string>> ReadPackets(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true }, true);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(csv.Headers.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => csv.GetString(c.i)));
        return rows;
    }

    private static byte[] ClientHello(byte[] serverName, byte[][] alpn)
    {
        byte[] name = [0, (byte)(serverName.Length >> 8), (byte)serverName.Length, .. serverName];
        byte[] names = [(byte)(name.Length >> 8), (byte)name.Length, .. name];
        byte[] protocols = [.. alpn.SelectMany(a => (byte[])[(byte)a.Length, .. a])];
        byte[] alpnBody = [(byte)(protocols.Length >> 8), (byte)protocols.Length, .. protocols];
        byte[] extensions =
        [
            0, 0, (byte)(names.Length >> 8), (byte)names.Length, .. names,
            0, 16, (byte)(alpnBody.Length >> 8), (byte)alpnBody.Length, .. alpnBody,
        ];
        byte[] body = [3, 3, .. new byte[32], 0, 0, 2, 0x13, 0x01, 1, 0, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions];
        byte[] handshake = [1, 0, (byte)(body.Length >> 8), (byte)body.Length, .. body];
        return [22, 3, 1, (byte)(handshake.Length >> 8), (byte)handshake.Length, .. handshake];
    }

    private static byte[] HttpRequest(byte[] uri, byte[] host, byte[] userAgent) =>
        [.. "GET "u8, .. uri, .. " HTTP/1.1\r\nHost: "u8, .. host, .. "\r\nUser-Agent: "u8, .. userAgent, .. "\r\n\r\n"u8];

    /// <summary>A DNS response: <paramref name="label"/>.example A <paramref name="address"/>.</summary>
    private static byte[] DnsAnswer(byte[] label, string address) =>
    [
        0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
        (byte)label.Length, .. label, 7, .. "example"u8, 0, 0, 1, 0, 1,
        0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, .. IPAddress.Parse(address).GetAddressBytes(),
    ];
}
