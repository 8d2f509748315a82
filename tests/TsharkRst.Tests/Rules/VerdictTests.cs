using TsharkRst.Findings;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>Each verdict of spec/findings.md from the handful of rows that make it.</summary>
public class VerdictTests
{
    private static void AssertFinding(ResetFinding f, Verdict verdict, Phase phase, Side sentBy, Origin origin)
    {
        Assert.Equal((verdict, phase, sentBy, origin), (f.Verdict, f.Phase, f.SentBy, f.Origin));
    }

    [Fact]
    public void A_RST_answering_the_SYN_is_a_closed_port()
    {
        var f = Talk.Start().Client(Syn).Server(Rst | Ack).Diagnose();
        AssertFinding(f, Verdict.PortClosed, Phase.Syn, Side.Server, Origin.Unknown);
        Assert.Equal(2, f.RstFrame);
        Assert.Equal(1, f.RstCount);
        Assert.Equal("Sr", f.History);
    }

    [Fact]
    public void A_RST_answering_the_SYN_with_the_servers_own_TTL_comes_from_the_endpoint()
    {
        var f = Talk.Start().ServerSeenElsewhere(ttl: 63).Client(Syn).Server(Rst | Ack).Diagnose();
        AssertFinding(f, Verdict.PortClosed, Phase.Syn, Side.Server, Origin.Endpoint);
    }

    [Fact]
    public void A_RST_answering_the_SYN_one_hop_closer_than_the_server_is_a_firewall_reject()
    {
        var f = Talk.Start().ServerSeenElsewhere(ttl: 63).Client(Syn).Server(Rst | Ack, change: r => r with { Ttl = 64 }).Diagnose();
        AssertFinding(f, Verdict.FirewallReject, Phase.Syn, Side.Server, Origin.Middlebox);
        Assert.Contains(new Evidence(2, "RST TTL 64 (0 hops from 64), the server's packets in other connections of this capture TTL 63 " +
                                        "(1 hop from 64): made 1 hop closer than the server"), f.Evidence);
        Assert.Equal(Confidence.Low, f.Confidence);
    }

    [Fact]
    public void A_RST_after_the_SYN_ACK_is_a_handshake_abort()
    {
        var f = Talk.Start().Client(Syn).Server(Syn | Ack).Client(Rst).Diagnose();
        AssertFinding(f, Verdict.HandshakeAbort, Phase.SynAck, Side.Client, Origin.Endpoint);
    }

    [Fact]
    public void A_client_resetting_its_own_unanswered_SYN_is_a_handshake_abort()
    {
        var f = Talk.Start().Client(Syn).Client(Syn, after: 1).Client(Rst, after: 2).Diagnose();
        AssertFinding(f, Verdict.HandshakeAbort, Phase.Syn, Side.Client, Origin.Endpoint);
    }

    [Fact]
    public void A_RST_right_after_the_handshake_is_an_abortive_close()
    {
        var f = Talk.Handshake().Server(Rst | Ack).Diagnose();
        AssertFinding(f, Verdict.AbortiveClose, Phase.Established, Side.Server, Origin.Endpoint);
        Assert.Equal(Confidence.High, f.Confidence);
    }

    [Fact]
    public void A_RST_after_the_ClientHello_without_a_ServerHello_is_a_TLS_rejection()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 517, change: r => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1], TlsServerName = "shop.example", TlsSupportedVersions = [0x3a3a, 0x0304, 0x0303] })
            .Server(Ack)
            .Server(Rst | Ack)
            .Diagnose();
        AssertFinding(f, Verdict.TlsRejected, Phase.TlsHandshake, Side.Server, Origin.Endpoint);
        Assert.Equal("shop.example", f.Tls!.Sni);
        Assert.Equal(["TLS 1.3", "TLS 1.2"], f.Tls.Versions);
        Assert.Equal(4, f.Tls.ClientHelloFrame);
        Assert.Null(f.Tls.ServerHelloFrame);
    }

    [Fact]
    public void A_TLS_alert_then_a_RST_is_a_TLS_alert_naming_the_alert()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 300, change: r => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1], TlsServerName = "a.example" })
            .Server(Psh | Ack, 7, change: r => r with { TlsContentTypes = [21], TlsAlertLevels = [2], TlsAlertDescriptions = [70] })
            .Server(Rst | Ack)
            .Diagnose();
        AssertFinding(f, Verdict.TlsAlert, Phase.TlsAlert, Side.Server, Origin.Endpoint);
        Assert.Equal(new TlsAlert(Side.Server, "fatal", "protocol_version", 5), f.Tls!.Alert);
    }

    [Fact]
    public void A_TLS_1_3_alert_hidden_in_a_19_byte_record_is_a_TLS_alert_with_medium_confidence()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 300, change: r => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1] })
            .Server(Psh | Ack, 1200, change: r => r with
            {
                TlsContentTypes = [22, 20],
                TlsOpaqueTypes = [23],
                TlsHandshakeTypes = [2],
                TlsSupportedVersions = [0x0304],
                TlsRecordLengths = [90, 1, 1100],
            })
            .Client(Psh | Ack, 24, change: r => r with { TlsOpaqueTypes = [23], TlsRecordLengths = [19] })
            .Client(Rst | Ack)
            .Diagnose();
        AssertFinding(f, Verdict.TlsAlert, Phase.TlsAlert, Side.Client, Origin.Endpoint);
        Assert.Equal(new TlsAlert(Side.Client, null, null, 6) { Kind = TlsAlertKind.EncryptedEndingHandshake }, f.Tls!.Alert);
        Assert.Equal(Confidence.Medium, f.Confidence);
    }

    [Fact]
    public void A_server_RST_after_the_request_is_a_rejected_request()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80, change: r => r with { HttpMethod = "GET", HttpHost = "api.example", HttpUri = "/v1/orders" })
            .Server(Rst | Ack)
            .Diagnose();
        AssertFinding(f, Verdict.RequestRejected, Phase.Request, Side.Server, Origin.Endpoint);
        Assert.Equal(new HttpContext("GET", "api.example", "/v1/orders", null, 4, null, 80), f.Http);
    }

    [Fact]
    public void A_client_RST_after_a_long_wait_for_a_response_stays_an_abandoned_request()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80, change: r => r with { HttpMethod = "GET", HttpHost = "api.example", HttpUri = "/slow" })
            .Server(Ack)
            .Client(Rst | Ack, after: 30)
            .Diagnose();
        AssertFinding(f, Verdict.RequestAbandoned, Phase.Request, Side.Client, Origin.Endpoint);
        Assert.Equal(30, f.IdleBeforeSeconds, 3);
        Assert.Contains("30 s", f.Summary);
    }

    [Fact]
    public void A_RST_during_the_response_is_an_aborted_response()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 1448, change: r => r with { HttpStatus = 200 })
            .Server(Rst | Ack)
            .Diagnose();
        AssertFinding(f, Verdict.ResponseAborted, Phase.Response, Side.Server, Origin.Endpoint);
    }

    [Fact]
    public void A_RST_after_a_FIN_is_after_close()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 200)
            .Server(Fin | Ack)
            .Client(Psh | Ack, 80)
            .Server(Rst)
            .Diagnose();
        AssertFinding(f, Verdict.AfterClose, Phase.Closing, Side.Server, Origin.Endpoint);
        Assert.Equal("ShADdfr", f.History);
    }

    [Fact]
    public void A_RST_answering_the_first_packet_after_a_long_idle_is_an_idle_timeout()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 200)
            .Client(Ack)
            .Client(Psh | Ack, 80, after: 350)
            .Server(Rst, after: 0.0005)
            .Diagnose();
        AssertFinding(f, Verdict.IdleTimeout, Phase.Response, Side.Server, Origin.Endpoint);
        Assert.Equal(350, f.IdleBeforeSeconds, 3);
        Assert.Contains(new Evidence(6, "last packet before 5.8 min (350 s) of silence"), f.Evidence);
        Assert.Contains(new Evidence(7, "client packet the RST answers"), f.Evidence);
    }

    [Fact]
    public void An_idle_timeout_RST_made_one_hop_closer_than_the_server_is_blamed_on_a_stateful_device()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 200)
            .Client(Psh | Ack, 80, after: 600)
            .Server(Rst, after: 0.0005, change: r => r with { Ttl = 64 })
            .Diagnose();
        AssertFinding(f, Verdict.IdleTimeout, Phase.Response, Side.Server, Origin.Middlebox);
        Assert.StartsWith("A stateful device on the path dropped the idle connection's state", f.Summary);
        Assert.Contains("10 min", f.Summary);
    }

    [Fact]
    public void An_idle_gap_below_the_threshold_is_not_an_idle_timeout()
    {
        var talk = Talk.Handshake().Client(Psh | Ack, 80).Server(Psh | Ack, 200).Client(Psh | Ack, 80, after: 4).Server(Rst, after: 0.0005);
        Assert.Equal(Verdict.ResponseAborted, talk.Diagnose(idleThresholdSeconds: 5).Verdict);
        Assert.Equal(Verdict.IdleTimeout, talk.Diagnose(idleThresholdSeconds: 3).Verdict);
    }

    [Fact]
    public void A_client_waiting_on_its_second_request_is_not_idle_even_after_a_response_phase()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 200)
            .Client(Psh | Ack, 80)
            .Server(Ack)
            .Client(Rst | Ack, after: 20)
            .Diagnose();
        Assert.Equal((Verdict.ResponseAborted, Phase.Response), (f.Verdict, f.Phase));
    }

    [Fact]
    public void A_RST_in_the_servers_name_while_the_server_keeps_sending_is_an_injection()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Rst | Ack, change: r => r with { Ttl = 64 })
            .Server(Psh | Ack, 1000)
            .Diagnose();
        AssertFinding(f, Verdict.MiddleboxInjection, Phase.Request, Side.Server, Origin.Middlebox);
        Assert.Equal(Confidence.High, f.Confidence);
    }

    [Fact]
    public void A_midstream_capture_with_only_ACKs_gives_an_unknown_phase_and_verdict()
    {
        var f = Talk.Start().Client(Ack).Server(Ack).Client(Rst).Diagnose();
        AssertFinding(f, Verdict.Unknown, Phase.Unknown, Side.Client, Origin.Endpoint);
        Assert.Equal(Confidence.Low, f.Confidence);
    }
}
