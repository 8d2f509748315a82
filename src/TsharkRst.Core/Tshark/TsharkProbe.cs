using System.Buffers.Binary;
using System.Net;
using System.Text;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>Four packets with a known field text under tshark 4.0 — an HTTP request whose URI holds a
/// backslash and a BEL, its response, a DNS answer, a TLS ClientHello over IPv6 with two ALPN names —
/// run through a tshark with the real field pass,
/// to learn how that tshark writes what versions write differently (<see cref="TsharkDialect"/>), and
/// which fields it writes otherwise.</summary>
public static class TsharkProbe
{
    private const string Client = "192.0.2.1";
    private const string Server = "198.51.100.1";
    private const string Resolver = "198.51.100.53";
    private const string Request = "GET /probe\\\a HTTP/1.1\r\nHost: probe.example\r\n\r\n";
    private const string Response = "HTTP/1.1 204 No Content\r\n\r\n";

    /// <summary>Each field's text under tshark 4.0, by frame (occurrences joined with
    /// <see cref="FieldText.OccurrenceSeparator"/>); a field not named is empty. The URI is "/probe", a
    /// backslash and BEL, which 4.0 writes as they are. A field added to tshark-fields.txt needs its 4.0
    /// text here: until then the probe test names it as written differently.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Reference { get; } =
    [
        new Dictionary<string, string>
        {
            ["frame.number"] = "1",
            ["frame.time_epoch"] = "1700000000.001000000",
            ["frame.len"] = "100",
            ["frame.protocols"] = "eth:ethertype:ip:tcp:http",
            ["eth.src"] = "02:00:00:00:00:01",
            ["eth.dst"] = "02:00:00:00:00:fe",
            ["ip.src"] = "192.0.2.1",
            ["ip.dst"] = "198.51.100.1",
            ["ip.ttl"] = "64",
            ["ip.id"] = "0x0101",
            ["ip.flags.df"] = "1",
            ["tcp.stream"] = "0",
            ["tcp.srcport"] = "49152",
            ["tcp.dstport"] = "80",
            ["tcp.flags"] = "0x0018",
            ["tcp.seq_raw"] = "1000",
            ["tcp.ack_raw"] = "2000",
            ["tcp.len"] = "46",
            ["tcp.hdr_len"] = "20",
            ["tcp.window_size_value"] = "502",
            ["http.request.method"] = "GET",
            ["http.host"] = "probe.example",
            ["http.request.uri"] = "/probe\\\a",
            ["_ws.col.Info"] = "GET /probe\\\\a HTTP/1.1 ",
        },
        new Dictionary<string, string>
        {
            ["frame.number"] = "2",
            ["frame.time_epoch"] = "1700000000.002000000",
            ["frame.len"] = "81",
            ["frame.protocols"] = "eth:ethertype:ip:tcp:http",
            ["eth.src"] = "02:00:00:00:00:02",
            ["eth.dst"] = "02:00:00:00:00:fe",
            ["ip.src"] = "198.51.100.1",
            ["ip.dst"] = "192.0.2.1",
            ["ip.ttl"] = "64",
            ["ip.id"] = "0x0101",
            ["ip.flags.df"] = "1",
            ["tcp.stream"] = "0",
            ["tcp.srcport"] = "80",
            ["tcp.dstport"] = "49152",
            ["tcp.flags"] = "0x0018",
            ["tcp.seq_raw"] = "2000",
            ["tcp.ack_raw"] = "1046",
            ["tcp.len"] = "27",
            ["tcp.hdr_len"] = "20",
            ["tcp.window_size_value"] = "502",
            ["http.response.code"] = "204",
            ["_ws.col.Info"] = "HTTP/1.1 204 No Content ",
        },
        new Dictionary<string, string>
        {
            ["frame.number"] = "3",
            ["frame.time_epoch"] = "1700000000.003000000",
            ["frame.len"] = "89",
            ["frame.protocols"] = "eth:ethertype:ip:udp:dns",
            ["eth.src"] = "02:00:00:00:00:03",
            ["eth.dst"] = "02:00:00:00:00:fe",
            ["ip.src"] = "198.51.100.53",
            ["ip.dst"] = "192.0.2.1",
            ["ip.ttl"] = "64",
            ["ip.id"] = "0x0101",
            ["ip.flags.df"] = "1",
            ["dns.flags.response"] = "1",
            ["dns.qry.name"] = "probe.example",
            ["dns.a"] = "192.0.2.80",
            ["_ws.col.Info"] = "Standard query response 0x1234 A probe.example A 192.0.2.80",
        },
        new Dictionary<string, string>
        {
            ["frame.number"] = "4",
            ["frame.time_epoch"] = "1700000000.004000000",
            ["frame.len"] = "185",
            ["frame.protocols"] = "eth:ethertype:ipv6:tcp:tls",
            ["eth.src"] = "02:00:00:00:00:04",
            ["eth.dst"] = "02:00:00:00:00:fe",
            ["ipv6.src"] = "2001:db8::1",
            ["ipv6.dst"] = "2001:db8::2",
            ["ipv6.hlim"] = "63",
            ["tcp.stream"] = "1",
            ["tcp.srcport"] = "49154",
            ["tcp.dstport"] = "443",
            ["tcp.flags"] = "0x0018",
            ["tcp.seq_raw"] = "3000",
            ["tcp.ack_raw"] = "4000",
            ["tcp.len"] = "99",
            ["tcp.hdr_len"] = "32",
            ["tcp.window_size_value"] = "502",
            ["tcp.options.timestamp.tsval"] = "77",
            ["tls.record.content_type"] = "22",
            ["tls.record.length"] = "94",
            ["tls.handshake.type"] = "1",
            ["tls.handshake.version"] = "0x0303",
            ["tls.handshake.extensions_server_name"] = "probe.example",
            ["tls.handshake.extensions_alpn_str"] = "h2\u001fhttp/1.1",
            ["tls.handshake.extensions.supported_version"] = "0x0304",
            ["_ws.col.Info"] = "Client Hello",
        },
    ];

    /// <summary>What one tshark wrote for the probe: the dialect, and each field whose text differs from
    /// 4.0's in a way the dialect does not explain (field, frame, this tshark's text, 4.0's).</summary>
    public sealed record Result(TsharkDialect Dialect, IReadOnlyList<(string Field, int Frame, string Text, string Reference)> Differences)
    {
        /// <summary>Columns (<c>_ws.col.*</c>) whose wording differs: dissectors word their summaries
        /// differently from version to version (4.4 adds "(SNI=…)" to a ClientHello's), which is shown as is.</summary>
        public IReadOnlyList<(string Field, int Frame, string Text, string Reference)> Summaries { get; init; } = [];
    }

    /// <summary>How tshark's columns are named.</summary>
    private const string Summary = "_ws.col.";

    /// <summary>The probe as a pcapng file.</summary>
    public static byte[] Capture()
    {
        var file = new MemoryStream();
        var writer = new PcapngWriter(file);
        var ethernet = new CaptureInterface(LinkType.Ethernet, 262144);
        var request = Encoding.ASCII.GetBytes(Request);
        var response = Encoding.ASCII.GetBytes(Response);
        Write(writer, ethernet, 1, Ipv4(Client, Server, 6, Tcp(49152, 80, 1000, 2000, request)));
        Write(writer, ethernet, 2, Ipv4(Server, Client, 6, Tcp(80, 49152, 2000, 1000 + (uint)request.Length, response)));
        Write(writer, ethernet, 3, Ipv4(Resolver, Client, 17, Udp(53, 49153, DnsAnswer())));
        Write(writer, ethernet, 4, Ipv6("2001:db8::1", "2001:db8::2", Tcp(49154, 443, 3000, 4000, ClientHello(), timestamp: 77)));
        return file.ToArray();
    }

    /// <summary>Runs <paramref name="tshark"/> over the probe with the field pass's own command line.</summary>
    public static async Task<Result> RunAsync(TsharkProgram tshark, TsharkFields fields, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tsharkrst-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.pcapng");
        try
        {
            await File.WriteAllBytesAsync(path, Capture(), cancellationToken).ConfigureAwait(false);
            var rows = new List<string[]>();
            var command = TsharkDissection.Command(tshark, path, fields, TimeSpan.FromMinutes(1));
            var result = await ProcessRunner.RunAsync(command, (stdout, _) =>
            {
                var lines = new TsharkLines(stdout);
                while (lines.Next(out var offset, out var length))
                    rows.Add(FieldText.Columns(lines.Buffer.AsSpan(offset, length)));
                return Task.CompletedTask;
            }, cancellationToken, TsharkProgram.InstallHint).ConfigureAwait(false);
            if (result.ExitCode != 0 || rows.Count != Reference.Count + 1)
                throw new TsharkRstException(
                    $"tshark gave {Math.Max(0, rows.Count - 1)} rows for its {Reference.Count}-packet probe (exit code {result.ExitCode}): {TsharkRunResult.CleanStderr(result.StderrTail)}");
            return Compare(rows[0], rows.Skip(1).ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The dialect and the unexplained differences, from the header and rows tshark wrote (raw text).</summary>
    public static Result Compare(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var columns = header.Select(PacketRowBinding.Canonical).ToList();
        string Text(int frame, string field) =>
            columns.IndexOf(field) is var i and >= 0 && i < rows[frame - 1].Length ? rows[frame - 1][i] : "";
        var dialect = new TsharkDialect(
            EscapesBackslash: Text(1, "http.request.uri").Contains(@"\\", StringComparison.Ordinal),
            BooleanWords: Text(3, "dns.flags.response") == "True",
            UriOnResponses: Text(2, "http.request.uri").Length > 0);
        var differences = new List<(string, int, string, string)>();
        var summaries = new List<(string, int, string, string)>();
        for (var frame = 1; frame <= rows.Count && frame <= Reference.Count; frame++)
        {
            foreach (var field in columns)
            {
                var text = Text(frame, field);
                var reference = Reference[frame - 1].GetValueOrDefault(field, "");
                if (text == reference || dialect.Explains(field, frame, text, reference))
                    continue;
                (field.StartsWith(Summary, StringComparison.Ordinal) ? summaries : differences).Add((field, frame, text, reference));
            }
        }
        return new Result(dialect, differences) { Summaries = summaries };
    }

    private static void Write(PcapngWriter writer, CaptureInterface captureInterface, int frame, byte[] ip)
    {
        var bytes = new byte[14 + ip.Length];
        byte[] source = [0x02, 0, 0, 0, 0, (byte)frame], destination = [0x02, 0, 0, 0, 0, 0xFE];
        destination.CopyTo(bytes, 0);
        source.CopyTo(bytes, 6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), (ip[0] >> 4) == 6 ? (ushort)0x86DD : (ushort)0x0800);
        ip.CopyTo(bytes, 14);
        writer.WritePacket(captureInterface, 1_700_000_000_000_000_000L + frame * 1_000_000L, bytes, (uint)bytes.Length);
    }

    private static byte[] Ipv4(string source, string destination, int protocol, byte[] payload)
    {
        var bytes = new byte[20 + payload.Length];
        bytes[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)bytes.Length);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0x0101);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), 0x4000);
        bytes[8] = 64;
        bytes[9] = (byte)protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(bytes, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(bytes, 16);
        var sum = 0u;
        for (var i = 0; i < 20; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i));
        sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)~(sum + (sum >> 16)));
        payload.CopyTo(bytes, 20);
        return bytes;
    }

    private static byte[] Ipv6(string source, string destination, byte[] tcp)
    {
        var bytes = new byte[40 + tcp.Length];
        bytes[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)tcp.Length);
        bytes[6] = 6;
        bytes[7] = 63;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(bytes, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(bytes, 24);
        tcp.CopyTo(bytes, 40);
        return bytes;
    }

    private static byte[] Tcp(int sourcePort, int destinationPort, uint seq, uint ack, byte[] payload, uint? timestamp = null)
    {
        var header = timestamp is null ? 20 : 32;
        var bytes = new byte[header + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), ack);
        bytes[12] = (byte)(header / 4 << 4);
        bytes[13] = 0x18; // PSH, ACK
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), 502);
        if (timestamp is { } tsval)
        {
            // NOP, NOP, timestamps (kind 8, length 10)
            bytes[20] = 1;
            bytes[21] = 1;
            bytes[22] = 8;
            bytes[23] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), tsval);
        }
        payload.CopyTo(bytes, header);
        return bytes;
    }

    /// <summary>A TLS 1.3 ClientHello for probe.example offering h2 and http/1.1.</summary>
    private static byte[] ClientHello()
    {
        byte[] sni = [0, 0, 0, 18, 0, 16, 0, 0, 13, .. "probe.example"u8];
        byte[] alpn = [0, 16, 0, 14, 0, 12, 2, .. "h2"u8, 8, .. "http/1.1"u8];
        byte[] versions = [0, 43, 0, 3, 2, 3, 4];
        byte[] extensions = [.. sni, .. alpn, .. versions];
        byte[] body = [3, 3, .. new byte[32], 0, 0, 2, 0x13, 0x01, 1, 0, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions];
        byte[] handshake = [1, 0, (byte)(body.Length >> 8), (byte)body.Length, .. body];
        return [22, 3, 1, (byte)(handshake.Length >> 8), (byte)handshake.Length, .. handshake];
    }

    private static byte[] Udp(int sourcePort, int destinationPort, byte[] payload)
    {
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)bytes.Length);
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A DNS response: probe.example A 192.0.2.80.</summary>
    private static byte[] DnsAnswer() =>
    [
        0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
        5, .. "probe"u8, 7, .. "example"u8, 0, 0, 1, 0, 1,
        0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 80,
    ];
}
