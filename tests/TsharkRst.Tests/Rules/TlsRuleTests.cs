using TsharkRst.Findings;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>TLS without keys (records tshark reads only by their outer type), closure alerts, encrypted
/// alerts by where they stand, and TLS 1.3's handshake end; with keys, HTTP/2 inside TLS.</summary>
public class TlsRuleTests
{
    private static PacketRow ClientHello(PacketRow r) => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1], TlsRecordLengths = [240] };

    /// <summary>ServerHello and ChangeCipherSpec in clear, the rest of the flight encrypted, as tshark 4.0 shows TLS 1.3.</summary>
    private static PacketRow ServerFlight(PacketRow r) => r with
    {
        TlsContentTypes = [22, 20],
        TlsOpaqueTypes = [23, 23],
        TlsHandshakeTypes = [2],
        TlsSupportedVersions = [0x0304],
        TlsRecordLengths = [122, 1, 900, 69],
    };

    private static Talk Tls13() => Talk.Handshake().Client(Psh | Ack, 245, change: ClientHello).Server(Psh | Ack, 1100, change: ServerFlight);

    private static PacketRow Encrypted(PacketRow r, params int[] lengths) =>
        r with { TlsOpaqueTypes = lengths.Select(_ => 23).ToArray(), TlsRecordLengths = lengths };

    [Fact]
    public void A_records_opaque_types_follow_its_readable_ones()
    {
        var records = TlsRecord.Of(ServerFlight(new PacketRow()));
        Assert.Equal([new TlsRecord(22, 122, false), new TlsRecord(20, 1, false), new TlsRecord(23, 900, true), new TlsRecord(23, 69, true)], records);
    }

    [Fact]
    public void The_TLS_1_3_handshake_ends_with_the_clients_first_encrypted_record_after_the_servers_flight()
    {
        // The client's Finished, then the server's first data and a RST: a response, not a TLS handshake.
        var f = Tls13()
            .Client(Psh | Ack, 80, change: r => Encrypted(r with { TlsContentTypes = [20], TlsRecordLengths = [1, 69] }, 69) with { TlsRecordLengths = [1, 69] })
            .Client(Psh | Ack, 120, change: r => Encrypted(r, 115))
            .Server(Psh | Ack, 3000, change: r => Encrypted(r, 2995))
            .Server(Rst | Ack)
            .Diagnose();
        Assert.Equal((Phase.Response, Verdict.ResponseAborted), (f.Phase, f.Verdict));
    }

    [Fact]
    public void An_alert_sized_record_ending_the_TLS_1_3_handshake_is_a_probably_fatal_alert()
    {
        var f = Tls13().Client(Psh | Ack | Fin, 24, change: r => Encrypted(r, 19)).Client(Rst | Ack).Diagnose();
        Assert.Equal((Phase.TlsAlert, Verdict.TlsAlert), (f.Phase, f.Verdict));
        Assert.Equal(new TlsAlert(Side.Client, null, null, 6) { Kind = TlsAlertKind.EncryptedEndingHandshake }, f.Tls!.Alert);
        Assert.Contains(new Evidence(6, "encrypted TLS alert from the client, ending the handshake: probably fatal (its description cannot be read without keys)"),
            f.Evidence);
        Assert.StartsWith("The client sent an encrypted TLS alert, probably fatal, that ended the handshake", f.Summary);
    }

    [Fact]
    public void An_encrypted_alert_its_sender_follows_with_a_FIN_is_most_likely_close_notify()
    {
        var f = Tls13()
            .Client(Psh | Ack, 80, change: r => Encrypted(r, 69))
            .Client(Psh | Ack, 120, change: r => Encrypted(r, 115))
            .Server(Psh | Ack, 300, change: r => Encrypted(r, 295))
            .Server(Psh | Ack | Fin, 24, change: r => Encrypted(r, 19))
            .Client(Psh | Ack, 120, change: r => Encrypted(r, 115))
            .Server(Rst)
            .Diagnose();
        Assert.Equal((Phase.Closing, Verdict.AfterClose), (f.Phase, f.Verdict));
        Assert.Equal(TlsAlertKind.EncryptedBeforeFin, f.Tls!.Alert!.Kind);
    }

    [Fact]
    public void A_close_notify_read_by_name_is_a_close_not_a_TLS_alert()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 245, change: ClientHello)
            .Server(Psh | Ack, 300, change: r => r with { TlsContentTypes = [22, 20], TlsHandshakeTypes = [2], TlsRecordLengths = [90, 1] })
            .Client(Psh | Ack, 60, change: r => r with { TlsContentTypes = [20, 23], TlsRecordLengths = [1, 50] })
            .Server(Psh | Ack, 31, change: r => r with { TlsContentTypes = [21], TlsAlertLevels = [1], TlsAlertDescriptions = [0], TlsRecordLengths = [26] })
            .Client(Psh | Ack, 60, change: r => r with { TlsContentTypes = [23], TlsRecordLengths = [55] })
            .Server(Rst)
            .Diagnose();
        Assert.Equal((Phase.Closing, Verdict.AfterClose), (f.Phase, f.Verdict));
        Assert.Equal(new TlsAlert(Side.Server, "warning", "close_notify", 7) { Kind = TlsAlertKind.Closure }, f.Tls!.Alert);
    }

    [Fact]
    public void HTTP_2_inside_TLS_gives_the_request_and_the_RST_STREAM_and_GOAWAY_before_the_reset()
    {
        var f = Tls13()
            .Client(Psh | Ack, 80, change: r => Encrypted(r, 69))
            .Client(Psh | Ack, 60, change: r => r with
            {
                Protocols = "eth:ethertype:ip:tcp:tls:http2",
                Http2Types = [1],
                Http2Streams = [1],
                Http2Method = "GET",
                Http2Authority = "api.example:8443",
                Http2Path = "/v1/orders/42",
                Info = "HEADERS[1]: GET /v1/orders/42",
            })
            .Server(Psh | Ack, 40, change: r => r with
            {
                Protocols = "eth:ethertype:ip:tcp:tls:http2",
                Http2Types = [3, 7],
                Http2Streams = [1, 0],
                Http2RstStreamError = 2,
                Http2GoAwayError = 2,
                Info = "RST_STREAM[1], GOAWAY[0]",
            })
            .Server(Rst | Ack)
            .Diagnose();
        Assert.Equal(new HttpContext("GET", "api.example:8443", "/v1/orders/42", null, 7, null, 385), f.Http);
        Assert.Contains(new Evidence(8, "HTTP/2: the server sent RST_STREAM (INTERNAL_ERROR) on stream 1 and GOAWAY (INTERNAL_ERROR)"), f.Evidence);
        Assert.EndsWith("just before it, the server sent RST_STREAM (INTERNAL_ERROR) on stream 1 and GOAWAY (INTERNAL_ERROR).", f.Summary);
        Assert.Equal(new LastMessages("http2", new AppMessage(7, "HEADERS[1]: GET /v1/orders/42"), new AppMessage(8, "RST_STREAM[1], GOAWAY[0]")), f.App);
    }

    [Fact]
    public void The_last_database_message_each_way_names_its_query()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 25, change: r => r with { Protocols = "eth:ethertype:ip:tcp:pgsql", Info = ">Q", PgsqlQuery = "SELECT 1" })
            .Server(Psh | Ack, 77, change: r => r with { Protocols = "eth:ethertype:ip:tcp:pgsql", Info = "<T/D/C/Z" })
            .Client(Psh | Ack, 25, change: r => r with { Protocols = "eth:ethertype:ip:tcp:pgsql", Info = ">Q", PgsqlQuery = "SELECT pg_sleep(30)" })
            .Server(Ack)
            .Client(Rst | Ack, after: 8)
            .Diagnose();
        Assert.Equal(new LastMessages("pgsql", new AppMessage(6, "Query: SELECT pg_sleep(30)"), new AppMessage(5, "<T/D/C/Z")), f.App);
        Assert.EndsWith("(the last pgsql message before it: the client's \"Query: SELECT pg_sleep(30)\", frame 6).", f.Summary);
    }

    [Fact]
    public void Undissected_data_and_TLS_without_keys_are_no_application_message()
    {
        Assert.Null(LastMessagesRule.Protocol(new PacketRow { TcpLength = 10, Protocols = "eth:ethertype:ip:tcp:data" }));
        Assert.Null(LastMessagesRule.Protocol(new PacketRow { TcpLength = 10, Protocols = "eth:ethertype:ip:tcp:tls" }));
        Assert.Null(LastMessagesRule.Protocol(new PacketRow { TcpLength = 900, Protocols = "eth:ethertype:ip:tcp:tls:x509sat:x509ce" }));
        Assert.Equal("http", LastMessagesRule.Protocol(new PacketRow { TcpLength = 10, Protocols = "eth:ethertype:ip:tcp:tls:http" }));
        Assert.Equal("smb2", LastMessagesRule.Protocol(new PacketRow { TcpLength = 10, Protocols = "eth:ethertype:ip:tcp:nbss:smb2" }));
    }
}
