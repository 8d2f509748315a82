using TsharkRst.Findings;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>RSTs that name their maker: vendor codes and texts, published injector fingerprints, and the
/// look-alikes that must not count.</summary>
public class DeviceCheckTests
{
    private static OriginJudgement Judge(Talk talk) => OriginRule.Judge(talk.Snapshot, talk.Profiles);

    private static Talk Request() => Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 100).Client(Ack);

    /// <summary>An ADC in front answers the handshake (TTL 60 here); the server behind it sends the data (TTL 63).</summary>
    private static Talk BehindAnAdc() => Talk.Start()
        .Client(Syn)
        .Server(Syn | Ack, change: r => r with { Ttl = 60 })
        .Client(Ack)
        .Client(Psh | Ack, 10)
        .Server(Psh | Ack, 100)
        .Client(Ack);

    [Fact]
    public void A_NetScaler_idle_timeout_code_from_the_stack_in_front_of_the_server_names_the_ADC_as_the_RSTs_maker()
    {
        var judgement = Judge(BehindAnAdc().Server(Rst | Ack, after: 181, change: r => r with { Window = 9300, Ttl = 60 }));
        Assert.Equal(new ResetDevice("Citrix ADC (NetScaler)", "reset code 9300: idle or zombie timeout, from connection cleanup or a service going down", 7),
            judgement.Device);
        Assert.Equal((Origin.Middlebox, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.Equal(
        [
            new Evidence(7, "RST TTL 60 (4 hops from 64), the server's data packets in this connection TTL 63 (1 hop from 64); only its " +
                            "other packets (the handshake) came from 4 hops: a device in front of the server, not the host that sent the data, made it"),
            new Evidence(7, "RST window 9300 is a Citrix ADC (NetScaler) reset code, idle or zombie timeout, from connection cleanup or a " +
                            "service going down: the ADC made this RST"),
        ], judgement.Evidence);
    }

    [Fact]
    public void A_NetScaler_code_from_the_stack_that_sent_everything_is_the_ADC_as_the_endpoint()
    {
        // A full proxy: the ADC itself is the server the client talks to.
        var judgement = Judge(Request().Server(Rst | Ack, change: r => r with { Window = 8201 }));
        Assert.Equal("Citrix ADC (NetScaler)", judgement.Device?.Vendor);
        Assert.Equal((Origin.Endpoint, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.EndsWith("set aside: the RST comes from the same stack as the server's own packets in this connection: the device is " +
                        "itself the server the other side talks to (a full proxy)", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_NetScaler_relay_code_names_the_ADC_but_blames_the_other_side()
    {
        var judgement = Judge(Request().Server(Rst | Ack, change: r => r with { Window = 9701 }));
        Assert.Equal("Citrix ADC (NetScaler)", judgement.Device?.Vendor);
        Assert.Equal(Origin.Endpoint, judgement.Origin);
        Assert.Equal("RST window 9701 is a Citrix ADC (NetScaler) reset code: the ADC relays a RST+ACK it received from the other side",
            Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_window_the_sender_uses_itself_is_no_NetScaler_code()
    {
        // Some stacks copy their live window into their RSTs.
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 100, change: r => r with { Window = 9300 })
            .Server(Rst | Ack, change: r => r with { Window = 9300 }));
        Assert.Null(judgement.Device);
        Assert.Equal(Origin.Endpoint, judgement.Origin);
    }

    [Fact]
    public void An_F5_reset_cause_names_the_BIG_IP_and_its_reason()
    {
        var judgement = Judge(Request().Server(Rst | Ack, 46,
            change: r => r with { ResetCause = "BIG-IP: [0x2664c65:2574] No flow found for ACK", Ttl = 252 }));
        Assert.Equal(new ResetDevice("F5 BIG-IP", "No flow found for ACK", 7), judgement.Device);
        Assert.Equal((Origin.Middlebox, Confidence.High), (judgement.Origin, judgement.Confidence));
    }

    [Fact]
    public void An_F5_passing_on_the_other_sides_reset_is_named_without_blame()
    {
        var judgement = Judge(Request().Server(Rst | Ack, 58,
            change: r => r with { ResetCause = "BIG-IP: [0x31ae141:4666] {peer} TCP RST from remote system" }));
        Assert.Equal(new ResetDevice("F5 BIG-IP", "TCP RST from remote system (passing on the other side's reset)", 7), judgement.Device);
        Assert.Equal(Origin.Endpoint, judgement.Origin);
    }

    [Fact]
    public void Other_text_in_a_RST_is_kept_as_its_reason_without_a_vendor_or_blame()
    {
        var judgement = Judge(Request().Server(Rst | Ack, 13, change: r => r with { ResetCause = "Access Denied" }));
        Assert.Equal(new ResetDevice(null, "Access Denied", 7), judgement.Device);
        Assert.Equal(Origin.Endpoint, judgement.Origin);
        Assert.Equal("RST payload \"Access Denied\": text the RST carries about its cause, naming no device", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_packet_quoted_in_binary_is_no_text()
    {
        var judgement = Judge(Request().Server(Rst | Ack, 40, change: r => r with { ResetCause = @"E\x00\x00(\x1c\x46@\x00@\x06" }));
        Assert.Null(judgement.Device);
    }

    [Fact]
    public void The_Great_Firewalls_published_fingerprints_name_an_on_path_injector()
    {
        var type1 = Judge(Request().Server(Rst, change: r => r with { IpId = 64, DontFragment = false, TcpHeaderLength = 20, Window = 17 * 491 }));
        Assert.Equal("on-path injector (a Great Firewall fingerprint)", type1.Device?.Vendor);
        Assert.Equal("RST without ACK, no options, no DF, IP ID 64 and window 8347 (a multiple of 17)", type1.Device?.Reason);
        Assert.Equal(Origin.Middlebox, type1.Origin);

        var type2 = Judge(Request().Server(Rst | Ack, change: r => r with { IpId = 52535, DontFragment = true, TcpHeaderLength = 20, Window = 1000 }));
        Assert.Equal("RST+ACK without options, DF set, IP ID 52535 computed from its window 1000", type2.Device?.Reason);

        var triplet = Judge(Request()
            .Server(Rst | Ack, change: r => r with { Window = 1980 })
            .Server(Rst | Ack, change: r => r with { Window = 1981 })
            .Server(Rst | Ack, change: r => r with { Window = 1982 }));
        Assert.Equal("three RST+ACKs with windows 1980, 1981, 1982 (frames 7, 8, 9)", triplet.Device?.Reason);
    }

    [Fact]
    public void A_kernel_RST_with_window_zero_and_options_matches_no_fingerprint()
    {
        var judgement = Judge(Request().Server(Rst, change: r => r with { IpId = 64, DontFragment = false, TcpHeaderLength = 32, Window = 0 }));
        Assert.Null(judgement.Device);
    }
}
