using TsharkRst.Findings;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>A silence is idleness only when it began with nothing awaited: a stall (data retransmitted
/// without an acknowledgement, a zero window probed) keeps the phase's verdict and says so; keep-alive
/// probes do not end a silence; a capture of one direction proves the other side's data by its ACKs.</summary>
public class StallAndSilenceTests
{
    [Fact]
    public void A_server_that_retransmits_unanswered_then_resets_gave_up_and_is_no_idle_timeout()
    {
        var talk = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 1448);
        var first = talk.Rows[^1];
        var f = talk
            .Server(Psh | Ack, 1448, after: 1, change: r => r with { Seq = first.Seq, Retransmission = true })
            .Server(Psh | Ack, 1448, after: 2, change: r => r with { Seq = first.Seq, Retransmission = true })
            .Server(Psh | Ack, 1448, after: 4, change: r => r with { Seq = first.Seq, Retransmission = true })
            .Server(Rst | Ack, after: 8, change: r => r with { Seq = first.Seq + 1448 })
            .Diagnose();
        Assert.Equal((Verdict.ResponseAborted, Phase.Response), (f.Verdict, f.Phase));
        Assert.Equal(8, f.IdleBeforeSeconds, 3);
        Assert.Equal("198.51.100.10:443 retransmitted 1,448 bytes 3 times over 7 s without an acknowledgement from 192.0.2.10:40000, " +
                     "then reset the connection: it gave up (response-aborted).", f.Summary);
        Assert.Contains(new Evidence(8, "the server retransmitted 1,448 bytes 3 times over 7 s without an acknowledgement (frames 5-8)"), f.Evidence);
        Assert.StartsWith("A retransmission give-up (the server's data went unacknowledged", f.NextSteps[0]);
    }

    [Fact]
    public void Keep_alive_probes_and_their_answers_do_not_end_a_silence()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 200)
            .Client(Ack)
            .Server(Ack, after: 2, change: r => r with { Seq = r.Seq - 1, KeepAlive = true })
            .Client(Ack, change: r => r with { KeepAliveAck = true })
            .Server(Ack, after: 2, change: r => r with { Seq = r.Seq - 1, KeepAlive = true })
            .Client(Ack, change: r => r with { KeepAliveAck = true })
            .Server(Rst | Ack, after: 2)
            .Diagnose();
        Assert.Equal(Verdict.IdleTimeout, f.Verdict);
        Assert.Equal(6.002, f.IdleBeforeSeconds, 3);
        Assert.Contains(new Evidence(6, "last packet before 6 s of silence"), f.Evidence);
    }

    [Fact]
    public void Data_never_sent_again_was_acknowledged_where_the_capture_did_not_see_it()
    {
        // The client's ACK of the response was not captured; the server never retransmitted: idle, not stalled.
        var f = Talk.Handshake().Client(Psh | Ack, 80).Server(Psh | Ack, 200).Client(Psh | Ack, 80, after: 600).Server(Rst, after: 0.0005)
            .Diagnose();
        Assert.Equal(Verdict.IdleTimeout, f.Verdict);
    }

    [Fact]
    public void A_zero_window_probed_until_the_reset_is_a_stall()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 80)
            .Server(Psh | Ack, 1000)
            .Client(Ack, change: r => r with { Window = 0, ZeroWindow = true })
            .Server(Ack, 1, after: 3, change: r => r with { ZeroWindowProbe = true })
            .Client(Ack, change: r => r with { Window = 0, ZeroWindow = true })
            .Server(Ack, 1, after: 6, change: r => r with { ZeroWindowProbe = true, Seq = r.Seq - 1 })
            .Server(Rst | Ack, after: 6)
            .Diagnose();
        Assert.Equal(Verdict.ResponseAborted, f.Verdict);
        Assert.Contains("probed a zero window over 6 s", f.Summary);
    }

    [Fact]
    public void In_a_capture_of_one_direction_the_clients_ACKs_prove_the_servers_response()
    {
        var talk = Talk.Start().Client(Syn).Client(Ack, change: r => r with { Ack = 5001 }).Client(Psh | Ack, 90, change: r => r with { Ack = 5001 });
        var f = talk
            .Client(Ack, change: r => r with { Ack = 5001 + 28_406 })
            .Client(Rst | Ack, change: r => r with { Ack = 5001 + 28_406 })
            .Diagnose();
        Assert.Equal((Verdict.ResponseAborted, Phase.Response, Side.Client), (f.Verdict, f.Phase, f.SentBy));
        Assert.Contains(new Evidence(4, "the client's ACKs acknowledge 28,406 bytes from the server this capture does not hold: it saw one direction"),
            f.Evidence);
    }

    [Fact]
    public void A_side_whose_packets_the_capture_holds_is_not_proven_again_by_the_other_sides_ACKs()
    {
        // A stale ACK far past anything the client sent proves nothing: the client's own packets are in the capture.
        var f = Talk.Start().Client(Syn).Server(Ack, change: r => r with { Ack = 900_000_000 }).Client(Rst, change: r => r with { Seq = 900_000_000 })
            .Diagnose();
        Assert.Equal(Phase.Syn, f.Phase);
        Assert.DoesNotContain(f.Evidence, e => e.Note.Contains("does not hold", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_that_gives_up_on_a_later_request_says_so_though_earlier_answers_came()
    {
        var f = Talk.Handshake()
            .Client(Psh | Ack, 25)
            .Server(Psh | Ack, 77)
            .Client(Psh | Ack, 25)
            .Server(Ack)
            .Client(Rst | Ack, after: 8)
            .Diagnose();
        Assert.Equal(Verdict.ResponseAborted, f.Verdict);
        Assert.Equal("192.0.2.10:40000 gave up on its latest request to 198.51.100.10:443 after waiting 8 s with no answer, and reset the " +
                     "connection (earlier answers had arrived).", f.Summary);
    }
}
