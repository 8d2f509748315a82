using TsharkRst.Findings;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>The tampering signatures of "Global, Passive Detection of Connection Tampering" (SIGCOMM 2023),
/// one test per signature, from the client's packets only.</summary>
public class TamperingRuleTests
{
    // A RST without the ACK flag that still carries an acknowledgement number ("RST"), and one whose is 0 ("RST0").
    private static PacketRow AckNumber(PacketRow row) => row with { Ack = 0x5eed };

    private static Talk Request() => Talk.Handshake().Client(Psh | Ack, 517);

    private static void AssertSignature(Talk talk, string name, TamperingStage stage)
    {
        var signature = TamperingRule.Of(talk.Connection);
        Assert.NotNull(signature);
        Assert.Equal(name, signature.Name);
        Assert.Equal(stage, signature.Stage);
        Assert.True(TamperingSignature.Known.ContainsKey(name), name);
    }

    [Fact]
    public void SYN_then_RST_is_post_SYN() =>
        AssertSignature(Talk.Start().Client(Syn).Client(Rst, change: AckNumber), "SYN -> RST", TamperingStage.PostSyn);

    [Fact]
    public void SYN_then_RST_ACKs_is_post_SYN() =>
        AssertSignature(Talk.Start().Client(Syn).Client(Rst | Ack).Client(Rst | Ack), "SYN -> RST+ACK", TamperingStage.PostSyn);

    [Fact]
    public void SYN_then_a_RST_and_a_RST_ACK_is_post_SYN() =>
        AssertSignature(Talk.Start().Client(Syn).Client(Rst | Ack).Client(Rst, change: AckNumber), "SYN -> RST;RST+ACK", TamperingStage.PostSyn);

    [Fact]
    public void SYN_ACK_then_two_RSTs_is_post_ACK() =>
        AssertSignature(Talk.Handshake().Client(Rst, change: AckNumber).Client(Rst, change: AckNumber), "SYN;ACK -> RST;RST", TamperingStage.PostAck);

    [Fact]
    public void SYN_ACK_then_RST_is_post_ACK() =>
        AssertSignature(Talk.Handshake().Client(Rst, change: AckNumber), "SYN;ACK -> RST", TamperingStage.PostAck);

    [Fact]
    public void SYN_ACK_then_RST_ACK_is_post_ACK() =>
        AssertSignature(Talk.Handshake().Client(Rst | Ack), "SYN;ACK -> RST+ACK", TamperingStage.PostAck);

    [Fact]
    public void SYN_ACK_then_two_RST_ACKs_is_post_ACK() =>
        AssertSignature(Talk.Handshake().Client(Rst | Ack).Client(Rst | Ack), "SYN;ACK -> RST+ACK;RST+ACK", TamperingStage.PostAck);

    [Fact]
    public void PSH_then_RST_is_post_PSH() =>
        AssertSignature(Request().Client(Rst, change: AckNumber), "PSH+ACK -> RST", TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_RST_ACK_is_post_PSH() =>
        AssertSignature(Request().Client(Rst | Ack), "PSH+ACK -> RST+ACK", TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_two_RSTs_with_one_acknowledgement_number_is_post_PSH() =>
        AssertSignature(Request().Client(Rst, change: AckNumber).Client(Rst, change: AckNumber), "PSH+ACK -> RST=RST", TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_two_RSTs_with_different_acknowledgement_numbers_is_post_PSH() =>
        AssertSignature(Request().Client(Rst, change: AckNumber).Client(Rst, change: r => r with { Ack = 0x5eee }), "PSH+ACK -> RST!=RST",
            TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_two_RST_ACKs_is_post_PSH() =>
        AssertSignature(Request().Client(Rst | Ack).Client(Rst | Ack), "PSH+ACK -> RST+ACK;RST+ACK", TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_a_RST_and_a_RST_ACK_is_post_PSH() =>
        AssertSignature(Request().Client(Rst, change: AckNumber).Client(Rst | Ack), "PSH+ACK -> RST;RST+ACK", TamperingStage.PostPsh);

    [Fact]
    public void PSH_then_a_RST_and_a_RST_with_acknowledgement_number_0_is_post_PSH() =>
        AssertSignature(Request().Client(Rst, change: AckNumber).Client(Rst), "PSH+ACK -> RST;RST0", TamperingStage.PostPsh);

    [Fact]
    public void More_data_then_RST_is_later_in_flow() =>
        AssertSignature(Request().Server(Ack).Client(Psh | Ack, 300).Client(Rst, change: AckNumber), "PSH+ACK;DATA -> RST", TamperingStage.LaterInFlow);

    [Fact]
    public void More_data_then_RST_ACK_is_later_in_flow() =>
        AssertSignature(Request().Client(Ack, 1448).Client(Psh | Ack, 300).Client(Rst | Ack), "PSH+ACK;DATA -> RST+ACK", TamperingStage.LaterInFlow);

    [Fact]
    public void The_servers_packets_do_not_count_only_the_clients() =>
        // The server's RSTs are outbound: the client's side ends after its request with nothing.
        Assert.Null(TamperingRule.Of(Request().Server(Rst | Ack).Server(Rst | Ack).Connection));

    [Fact]
    public void Server_packets_between_the_clients_do_not_break_a_signature() =>
        AssertSignature(Request().Server(Ack).Server(Psh | Ack, 100).Client(Rst | Ack), "PSH+ACK -> RST+ACK", TamperingStage.PostPsh);

    [Fact]
    public void A_client_that_goes_on_after_its_RST_fits_none() =>
        Assert.Null(TamperingRule.Of(Request().Client(Rst | Ack).Client(Psh | Ack, 517).Connection));

    [Fact]
    public void A_RST_after_the_clients_tenth_packet_fits_none()
    {
        // SYN, ACK, the request and six more: nine packets from the client.
        static Talk NinePackets()
        {
            var talk = Request();
            for (var i = 0; i < 6; i++)
                talk.Client(Psh | Ack, 100);
            Assert.Equal(9, talk.Rows.Count(r => r.SourcePort == Talk.ClientPort));
            return talk;
        }
        Assert.Equal("PSH+ACK;DATA -> RST+ACK", TamperingRule.Of(NinePackets().Client(Rst | Ack).Connection)?.Name);
        Assert.Null(TamperingRule.Of(NinePackets().Client(Ack).Client(Rst | Ack).Connection));
    }

    [Fact]
    public void Forms_outside_the_taxonomy_fit_none()
    {
        // The table has no mixed ending after the handshake's ACK, nor after more data.
        Assert.Null(TamperingRule.Of(Talk.Handshake().Client(Rst, change: AckNumber).Client(Rst | Ack).Connection));
        Assert.Null(TamperingRule.Of(Request().Client(Psh | Ack, 300).Client(Rst, change: AckNumber).Client(Rst | Ack).Connection));
    }

    [Fact]
    public void The_tables_counts_hold_whatever_the_acknowledgement_numbers_of_a_single_RST()
    {
        AssertSignature(Talk.Start().Client(Syn).Client(Rst), "SYN -> RST", TamperingStage.PostSyn);
        AssertSignature(Request().Client(Rst), "PSH+ACK -> RST", TamperingStage.PostPsh);
        AssertSignature(Request().Client(Rst | Ack).Client(Rst | Ack).Client(Rst | Ack), "PSH+ACK -> RST+ACK;RST+ACK", TamperingStage.PostPsh);
    }

    [Fact]
    public void A_retransmitted_SYN_a_FIN_or_a_missing_handshake_is_not_one_of_the_stages()
    {
        Assert.Null(TamperingRule.Of(Talk.Start().Client(Syn).Client(Syn).Client(Rst, change: AckNumber).Connection));
        Assert.Null(TamperingRule.Of(Request().Client(Fin | Ack).Client(Rst | Ack).Connection));
        Assert.Null(TamperingRule.Of(Talk.Start().Client(Psh | Ack, 517).Client(Rst | Ack).Connection));
    }

    [Fact]
    public void A_signature_is_an_observation_and_leaves_verdict_and_origin_as_the_rules_found_them()
    {
        var finding = Request().Client(Rst, change: AckNumber).Client(Rst).Diagnose();
        Assert.Equal("PSH+ACK -> RST;RST0", finding.Tampering?.Name);
        Assert.Equal(Verdict.RequestAbandoned, finding.Verdict);
        Assert.Equal(Side.Client, finding.SentBy);
        Assert.NotEqual(Origin.Middlebox, finding.Origin);
    }
}
