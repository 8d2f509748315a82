using TsharkRst.Findings;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>Each origin signal on its own, and each ordinary behaviour of real stacks that mimics one
/// and must be explained away before a middlebox is claimed. The talk's server arrives with TTL 63
/// from MAC ...:01; a RST without TTL and MAC leaves a behaviour signal nothing to conflict with.</summary>
public class OriginRuleTests
{
    private static OriginJudgement Judge(Talk talk) => OriginRule.Judge(talk.Snapshot, talk.Profiles);

    /// <summary>A RST whose TTL and MAC were not captured.</summary>
    private static PacketRow Anonymous(PacketRow r) => r with { Ttl = null, EthSource = null };

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
        Assert.Empty(judgement.Evidence);
    }

    [Fact]
    public void A_different_source_MAC_alone_is_a_middlebox_with_medium_confidence()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack, change: r => r with { EthSource = "02:00:00:00:00:99" }));
        Assert.Equal((Origin.Middlebox, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Equal("RST from MAC 02:00:00:00:00:99, the server's own frames in this connection from 02:00:00:00:00:01",
            Assert.Single(judgement.Evidence).Note);
        Assert.Equal(judgement.Evidence[0].Note, judgement.Reason);
    }

    [Fact]
    public void A_RST_one_hop_closer_than_the_senders_packets_in_the_connection_is_a_middlebox()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack, change: r => r with { Ttl = 64 }));
        Assert.Equal((Origin.Middlebox, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Equal(new Evidence(5, "RST TTL 64 (0 hops from 64), the server's own packets in this connection TTL 63 (1 hop from 64): " +
                                     "made 1 hop closer than the server"), Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void The_same_hop_distance_from_another_initial_TTL_is_one_host_with_two_initial_TTLs()
    {
        // Application packets from 128, the kernel's RST from 64: both 5 hops away.
        var judgement = Judge(Talk.Handshake(serverTtl: 123).Client(Psh | Ack, 10).Server(Rst, change: r => r with { Ttl = 59 }));
        Assert.Equal((Origin.Endpoint, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.Equal(new Evidence(5, "RST TTL 59 (5 hops from 64), the server's own packets TTL 123 (5 hops from 128): the same distance " +
                                     "from another initial value, one host whose kernel and application start from different values"),
            Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void TTLs_that_vary_like_a_scanners_crafted_packets_are_no_yardstick()
    {
        var steady = Judge(Talk.Start().Client(Syn, change: r => r with { Ttl = 60 }).Server(Syn | Ack).Client(Ack, change: r => r with { Ttl = 60 })
            .Client(Rst, change: r => r with { Ttl = 64 }));
        Assert.Equal(Origin.Middlebox, steady.Origin);

        var scan = Judge(Talk.Start()
            .Client(Syn, change: r => r with { Ttl = 41 })
            .Client(Syn, change: r => r with { Ttl = 52, Seq = r.Seq - 1 })
            .Client(Syn, change: r => r with { Ttl = 47, Seq = r.Seq - 2 })
            .Server(Syn | Ack)
            .Client(Ack, change: r => r with { Ttl = 47 })
            .Client(Rst, change: r => r with { Ttl = 64 }));
        Assert.Equal(Origin.Endpoint, scan.Origin);
        Assert.Equal("the client's own packets arrive from 3 hop distances (12, 17, 23), as crafted packets or a changing path do: " +
                     "no yardstick for the RST's TTL", Assert.Single(scan.Evidence).Note);
    }

    [Fact]
    public void A_half_open_probers_kernel_reset_and_its_raw_sender_going_on_are_one_host()
    {
        // A raw SYN with its own TTL, the kernel's RST for the SYN-ACK (seq = its ACK), then the raw sender's data.
        var judgement = Judge(Talk.Start()
            .Client(Syn, change: r => r with { Ttl = 46 })
            .Server(Syn | Ack)
            .Client(Rst, change: r => r with { Ttl = 64 })
            .Client(Psh | Ack, 30, change: r => r with { Ttl = 46, Seq = r.Seq }));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
        Assert.Equal(
        [
            new Evidence(3, "RST TTL 64 (0 hops from 64), the client's own packets in this connection TTL 46 (18 hops from 64): the client's " +
                            "kernel answering the SYN-ACK of a SYN it did not send through a socket, beside a raw sender that sets its own TTL (a half-open prober)"),
            new Evidence(4, "the client sent 30 bytes of data after its RST (frame 3), but that RST answered the SYN-ACK with its ACK number: " +
                            "the client's kernel resetting a SYN it had not sent through a socket while a raw sender on the same host went on (a half-open prober)"),
        ], judgement.Evidence);
    }

    [Fact]
    public void The_claimed_sender_still_sending_after_its_RST_is_the_injection_race()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack, change: Anonymous).Server(Psh | Ack, 500));
        Assert.Equal((Origin.Middlebox, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Equal(new Evidence(6, "the server sent 500 bytes of data after the RST in its name (frame 5), continuing its own sequence " +
                                     "numbers: its connection was still open"), Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void A_behaviour_signal_against_a_RST_with_the_senders_own_TTL_and_MAC_is_a_conflict_left_unknown()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst | Ack).Server(Psh | Ack, 500));
        Assert.Equal((Origin.Unknown, Confidence.Low), (judgement.Origin, judgement.Confidence));
        Assert.Equal("the signals conflict: the server sent 500 bytes of data after the RST in its name (frame 5), continuing its own " +
                     "sequence numbers: its connection was still open, but the RST carries the server's own hop distance and MAC: a device " +
                     "copying them, or the server's own stack behaving oddly (crafted or test traffic)", judgement.Reason);
        Assert.Equal($"origin unknown: {judgement.Reason}", judgement.Evidence[^1].Note);
    }

    [Fact]
    public void A_damaged_segment_carrying_the_RST_bit_that_the_stream_runs_through_is_not_a_reset()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Psh | Ack, 100)
            .Server(Rst | Psh | Ece, 100, change: Anonymous)
            .Server(Psh | Ack, 100));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
        Assert.Equal(new Evidence(6, "frame 6 carries the RST bit on a damaged or crafted segment (flags RST+PSH+ECE, 100 bytes of data), " +
                                     "and the server's stream runs on through it (frame 7): not a reset"), Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void A_challenge_ACK_left_unanswered_while_the_sender_goes_on_is_proof()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Ack)
            .Server(Rst, change: r => r with { Seq = r.Seq + 700 })
            .Client(Ack, change: r => r with { Ack = 5001 })
            .Server(Psh | Ack, 20));
        Assert.Equal((Origin.Middlebox, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.StartsWith("challenge ACK: the receiver answered the RST with ack 5001 instead of closing (RFC 5961), so the RST's sequence " +
                          "number 5701 was not the server's next one; the server never answered it with a RST and went on sending (frame 8)",
            judgement.Reason);
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
    public void A_sequence_number_the_sender_never_used_and_no_segment_asked_for_is_a_forgery()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 100)
            .Server(Rst, change: r => Anonymous(r) with { Seq = 123 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal("RST sequence number 123, the server's own sequence space in this connection was 5000 to 5101, and no segment it " +
                     "answers carried that number in its ACK: not a number the server's stack would use", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_RST_answering_a_late_segment_takes_that_segments_ACK_even_outside_the_senders_own_numbers()
    {
        // The client's stack answers a segment whose ACK is far from anything the client sent (RFC 9293 3.10.7).
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10)
            .Server(Psh | Ack, 100, change: r => r with { Ack = 3_000_000 })
            .Client(Rst, change: r => r with { Seq = 3_000_000 }));
        Assert.Equal(Origin.Endpoint, judgement.Origin);
        Assert.Equal(new Evidence(6, "RST sequence number 3000000 = the ACK of frame 5: the client's stack answering that segment (RFC 9293, 3.10.7)"),
            Assert.Single(judgement.Evidence));
    }

    [Fact]
    public void Several_RSTs_answering_late_segments_after_a_close_are_one_stack_not_a_spray()
    {
        // The client closed; each late server segment draws a RST numbered with that segment's ACK.
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Client(Fin | Ack)
            .Server(Psh | Ack, 100, change: r => r with { Ack = 1011 })
            .Client(Rst, change: r => Anonymous(r) with { Seq = 1011 })
            .Server(Fin | Ack, after: 0.0005)
            .Client(Rst, after: 0.0005, change: r => Anonymous(r) with { Seq = 1012 }));
        Assert.Equal(Origin.Unknown, judgement.Origin);
        Assert.Equal(
        [
            new Evidence(7, "RST sequence number 1011 = the ACK of frame 6: the client's stack answering that segment (RFC 9293, 3.10.7)"),
            new Evidence(7, "2 RSTs with rising sequence numbers 1011, 1012 (frames 7, 9), each the ACK of a segment it answers " +
                            "(frames 6, 8) or the client's next number: one stack answering late segments, not a spray"),
        ], judgement.Evidence);
    }

    [Fact]
    public void Back_to_back_RSTs_with_rising_numbers_no_segment_asked_for_are_an_injector_spraying_the_window()
    {
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10)
            .Server(Rst, after: 0.01, change: Anonymous)
            .Server(Rst, after: 0.001, change: r => Anonymous(r) with { Seq = r.Seq + 1460 })
            .Server(Rst, after: 0.001, change: r => Anonymous(r) with { Seq = r.Seq + 2920 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.Equal("3 RSTs within 100 ms with rising sequence numbers 5001, 6461, 7921 (frames 5, 6, 7), 2 of them answering no " +
                     "segment: an injector spraying the window", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_RST_copying_the_IP_ID_of_the_packet_it_answers_and_made_closer_is_a_middlebox_with_high_confidence()
    {
        var judgement = Judge(Talk.Start()
            .Client(Syn, change: r => r with { IpId = 0x1555 })
            .Server(Rst | Ack, change: r => r with { IpId = 0x1555, Ttl = 46 })
            .Server(Syn | Ack, change: r => r with { IpId = 0x7f4c, Ttl = 49 })
            .Client(Ack, change: r => r with { IpId = 0x1a9d })
            .Server(Ack, change: r => r with { IpId = 0x8013, Ttl = 49 }));
        Assert.Equal((Origin.Middlebox, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.Contains(new Evidence(2, "RST IP ID 0x1555 copies the IP ID of the packet it answers (frame 1), which the server's own packets, " +
                                        "whose IDs vary, never carry: a device built it from that packet"), judgement.Evidence);
    }

    [Fact]
    public void A_copied_IP_ID_means_nothing_when_the_sender_always_uses_one_ID()
    {
        // Crafted test traffic: every packet of both sides carries IP ID 1.
        var judgement = Judge(Talk.Handshake(ipId: 1).Client(Psh | Ack, 10, change: r => r with { IpId = 1 })
            .Server(Psh | Ack, 7, change: r => r with { IpId = 1 })
            .Client(Rst | Ack, change: r => r with { IpId = 1, Ttl = 63 }));
        Assert.Equal(Origin.Middlebox, judgement.Origin);
        Assert.DoesNotContain(judgement.Evidence, e => e.Note.Contains("copies", StringComparison.Ordinal));
        Assert.Contains(new Evidence(6, "RST IP ID 0x0001 equals that of frame 5, but the client's own packets all carry IP ID 0x0001: " +
                                        "crafted traffic, nothing to copy"), judgement.Evidence);
    }

    [Fact]
    public void A_capture_taken_on_the_sender_shows_its_own_RST_leaving_it()
    {
        // Captured on the client: its packets carry TTL 64 unreduced, and so does the RST, from its MAC.
        var judgement = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 100)
            .Client(Rst, change: r => r with { Seq = 123 }));
        Assert.Equal((Origin.Endpoint, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.EndsWith("set aside: the capture was taken at the client (its packets carry their initial TTL unreduced) and the RST has its " +
                        "MAC and TTL: it left the client", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void A_foreign_sequence_number_on_a_RST_that_continues_the_senders_IP_ID_count_is_the_senders_own()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Psh | Ack, 100, change: r => r with { IpId = 0x4000 })
            .Server(Psh | Ack, 100, change: r => r with { IpId = 0x4001 })
            .Server(Rst, change: r => r with { IpId = 0x4002, Seq = 123, EthSource = null }));
        Assert.Equal((Origin.Endpoint, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.EndsWith("set aside: the RST's IP ID continues the server's own counter: its own stack built it", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void Between_loopback_addresses_nothing_can_forge_a_RST()
    {
        var judgement = Judge(Talk.Handshake(loopback: true).Client(Psh | Ack, 10).Server(Rst | Ack, change: r => r with { Ttl = 64 }));
        Assert.Equal((Origin.Endpoint, Confidence.High), (judgement.Origin, judgement.Confidence));
        Assert.EndsWith("set aside: both ends are loopback addresses: nothing lies between them", Assert.Single(judgement.Evidence).Note);
    }

    [Fact]
    public void Other_connections_count_weakly_and_only_as_far_as_they_can_tell()
    {
        var closer = Judge(Talk.Start().ServerSeenElsewhere(ttl: 63).Client(Syn).Server(Rst | Ack, change: r => r with { Ttl = 64 }));
        Assert.Equal((Origin.Middlebox, Confidence.Low), (closer.Origin, closer.Confidence));

        var farther = Judge(Talk.Start().ServerSeenElsewhere(ttl: 63).Client(Syn).Server(Rst | Ack, change: r => r with { Ttl = 60, EthSource = null }));
        Assert.Equal(Origin.Unknown, farther.Origin);
        Assert.Equal("RST TTL 60 (4 hops from 64), the server's packets in other connections of this capture TTL 63 (1 hop from 64): made " +
                     "farther than the server, which a longer path back or another host behind the same address explains",
            Assert.Single(farther.Evidence).Note);

        // Mid-connection, with nothing else of the connection captured: another stack in front of the service.
        var front = Judge(Talk.Start().ServerSeenElsewhere(ttl: 51).Server(Rst | Ack, change: r => r with { Ttl = 243, EthSource = null }));
        Assert.Equal(Origin.Unknown, front.Origin);
        Assert.Equal("RST TTL 243 (12 hops from 255), the server's packets in other connections of this capture TTL 51 (13 hops from 64): " +
                     "another kind of stack 1 hop closer, which a front end of this service (a load balancer or TLS terminator) explains " +
                     "as well as a device on the path", Assert.Single(front.Evidence).Note);
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
    public void Weak_signals_are_named_beside_a_strong_one_but_do_not_raise_its_confidence()
    {
        var judgement = Judge(Talk.Handshake()
            .Client(Psh | Ack, 10)
            .Server(Psh | Ack, 100, change: r => r with { IpId = 0x6a40, TsVal = 1 })
            .Server(Ack, change: r => r with { IpId = 0x6a41, TsVal = 2 })
            .Client(Psh | Ack, 10, after: 30)
            .Server(Rst, change: r => r with { IpId = 0x1234, Ttl = 64 }));
        Assert.Equal((Origin.Middlebox, Confidence.Medium), (judgement.Origin, judgement.Confidence));
        Assert.Equal(3, judgement.Evidence.Count);
        Assert.Contains(judgement.Evidence, e => e.Note == "RST IP ID 0x1234, the server's own packets counted up to 0x6a41");
        Assert.Contains(judgement.Evidence, e => e.Note == "RST without TCP timestamps, which the server put in all 2 of its packets");
    }

    [Fact]
    public void An_injector_window_is_noted_only_beside_a_strong_signal_and_never_when_the_sender_uses_it()
    {
        var alone = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst, change: r => r with { Window = 16384 }));
        Assert.Equal(Origin.Endpoint, alone.Origin);
        var withTtl = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Rst, change: r => r with { Window = 16384, Ttl = 64 }));
        Assert.Contains(withTtl.Evidence, e => e.Note == "RST window 16384, a value known injectors use");
        var own = Judge(Talk.Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 5, change: r => r with { Window = 8192 })
            .Server(Rst, change: r => r with { Window = 8192, Ttl = 64 }));
        Assert.DoesNotContain(own.Evidence, e => e.Note.Contains("window", StringComparison.Ordinal));
    }
}
