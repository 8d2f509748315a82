using TsharkRst.Findings;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>Each origin signal on its own, and the cases where signals are absent or disagree.</summary>
public class OriginRuleTests
{
    private static OriginJudgement Judge(Talk talk) => OriginRule.Judge(talk.Snapshot, talk.Profiles);

    [Fact]
    public void Nothing_to_compare_with_gives_unknown_never_a_guess()
    {
        var judgement = Judge(Talk.Start().Client(Syn).Server(Rst | Ack));
        Assert.Equal(Origin.Unknown, judgement.Origin);
        Assert.Empty(judgement.Evidence);
    }

    [Fact]
    public void The_same_TTL_and_MAC_as_the_senders_own_packets_is_an_endpoint_with_high_confidence()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack));
        Assert.Equal((Origin.Endpoint, Confidence.High), (judgement.Origin, judgement.Confidence));
    }

    [Fact]
    public void A_different_source_MAC_alone_is_a_middlebox_with_medium_confidence()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack, change: r => r with { EthSource = "02:00:00:00:00:99" }));
        Assert.Equal((Origin.Middlebox, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Equal("RST from MAC 02:00:00:00:00:99, the server's own frames from 02:00:00:00:00:01", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void The_claimed_sender_still_sending_after_its_RST_is_the_injection_race()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack).Server(Psh | Ack, 500));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal(new Evidence(6, "the server sent 500 bytes of data after the RST in its name (frame 5): its connection was still open"),
            Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void A_challenge_ACK_left_unanswered_means_the_RST_was_not_accepted()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Ack)
            .Server(Rst, change: r => r with { Seq = r.Seq + 700 })
            .Client(Ack, change: r => r with { Ack = 5001 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Contains(judgement.Evidence, e => e.Frame == 7 && e.Note.StartsWith("challenge ACK"));
    }

    [Fact]
    public void A_challenge_ACK_answered_by_a_second_RST_is_a_genuine_sender_with_data_in_flight()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Ack)
            .Server(Rst, change: r => r with { Seq = r.Seq + 100 })
            .Client(Ack, change: r => r with { Ack = 5001 })
            .Server(Rst, change: r => r with { Seq = 5001 }));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
    }

    [Fact]
    public void A_sequence_number_the_sender_never_used_is_a_forgery()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 100).Server(Rst, change: r => r with { Seq = 123 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal("RST sequence number 123, the server's next one was 5101 (it had used 5000 to 5101): not a number the server would use",
            Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void TTLs_that_vary_like_a_scanners_crafted_packets_are_no_yardstick()
    {
        var talk = Talk.Start()
            .Client(Syn, change: r => r with { Ttl = 41 })
            .Server(Syn | Ack)
            .Client(Rst, change: r => r with { Ttl = 64 });
        Assert.Equal(Origin.Middlebox, Judge(talk).Origin);

        var scan = Talk.Start()
            .Client(Syn, change: r => r with { Ttl = 41 })
            .Client(Syn, change: r => r with { Ttl = 52, Seq = r.Seq })
            .Client(Syn, change: r => r with { Ttl = 47, Seq = r.Seq })
            .Server(Syn | Ack)
            .Client(Rst, change: r => r with { Ttl = 64 });
        Assert.Equal(Origin.Endpoint, Judge(scan).Origin);
    }

    [Fact]
    public void A_RST_carrying_the_senders_own_FIN_sequence_number_is_genuine()
    {
        // Some stacks reset with the sequence number of the FIN they sent, one below their next.
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Client(Fin | Ack).Server(Ack)
            .Client(Rst | Ack, change: r => r with { Seq = r.Seq - 1, Ttl = null, EthSource = null }));
        Assert.Equal(Origin.Unknown, judgement.Origin);
        Assert.Empty(judgement.Evidence);
    }

    [Fact]
    public void Data_sent_before_the_RST_but_captured_after_it_is_no_race()
    {
        var talk = Talk.Handshake().Client(Psh | Ack, 10);
        var late = talk.Rows[^1];
        var judgement = Judge(talk
            .Client(Psh | Ack, 100)
            .Client(Rst | Ack)
            .Client(Psh | Ack, 100, change: r => r with { Seq = late.Seq + 10 }));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
    }

    [Fact]
    public void Back_to_back_RSTs_with_rising_sequence_numbers_are_an_injector_spraying_the_window()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10)
            .Server(Rst, after: 0.01)
            .Server(Rst, after: 0.001, change: r => r with { Seq = r.Seq + 1460 })
            .Server(Rst, after: 0.001, change: r => r with { Seq = r.Seq + 2920 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal("3 RSTs within 100 ms with rising sequence numbers 5001, 6461, 7921 (frames 5, 6, 7): an injector spraying the window",
            Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void Repeated_RSTs_answering_each_segment_with_one_number_are_no_spray()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Client(Rst | Ack).Server(Psh | Ack, 100, change: r => r with { Seq = 5001 })
            .Client(Rst, change: r => r with { Seq = 1011 }).Server(Psh | Ack, 100, change: r => r with { Seq = 5101 }).Client(Rst, change: r => r with { Seq = 1011 }));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
    }

    [Fact]
    public void A_RST_copying_the_IP_ID_of_the_packet_it_answers_was_built_from_it()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10, change: r => r with { IpId = 0x4c1b })
            .Server(Rst, change: r => r with { IpId = 0x4c1b }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal("RST IP ID 0x4c1b copies the IP ID of the packet it answers (frame 4): a device built it from that packet",
            Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void Weak_signals_alone_never_make_a_middlebox_but_lower_the_endpoints_confidence()
    {
        // Linux's reset for an already closed socket: IP ID 0, no timestamps, same TTL and MAC.
        var judgement = Judge(Talk.Handshake()
            .Server(Psh | Ack, 100, change: r => r with { IpId = 0x6168, TsVal = 1 })
            .Server(Fin | Ack, change: r => r with { IpId = 0x6169, TsVal = 2 })
            .Client(Psh | Ack, 30)
            .Server(Rst, change: r => r with { IpId = 0 }));
        Assert.Equal((Origin.Endpoint, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Empty(judgement.Evidence);
    }

    [Fact]
    public void Weak_signals_corroborate_a_strong_one_into_high_confidence()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Psh | Ack, 100, change: r => r with { IpId = 0x6a40, TsVal = 1 })
            .Server(Ack, change: r => r with { IpId = 0x6a41, TsVal = 2 })
            .Client(Psh | Ack, 10, after: 30)
            .Server(Rst, change: r => r with { IpId = 0, Ttl = 64 }));
        Assert.Equal((Origin.Middlebox, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.Equal(3, judgement.Evidence.Count);
        Assert.Contains(judgement.Evidence, e => e.Note == "RST IP ID 0x0000, the server's own packets counted up to 0x6a41");
        Assert.Contains(judgement.Evidence, e => e.Note == "RST without TCP timestamps, which the server put in all 2 of its packets");
    }

    [Fact]
    public void An_injector_window_is_noted_only_beside_a_strong_signal()
    {
        var alone = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst, change: r => r with { Window = 16384 }));
        Assert.Equal(Origin.Endpoint, alone.Origin);
        var withTtl = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst, change: r => r with { Window = 16384, Ttl = 64 }));
        Assert.Contains(withTtl.Evidence, e => e.Note == "RST window 16384, a value known injectors use");
    }
}
