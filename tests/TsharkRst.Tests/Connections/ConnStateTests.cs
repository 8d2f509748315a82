using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Connections;

/// <summary>Zeek's conn_state, every code, from the packets that make it (the client is Zeek's originator).</summary>
public class ConnStateTests
{
    private const bool C = true; // from the client
    private const bool S = false; // from the server

    private static ConnState StateOf(params (bool FromClient, TcpFlags Flags, int Length)[] packets)
    {
        var history = new HistoryBuilder();
        var tracker = new ConnStateTracker();
        foreach (var (fromClient, flags, length) in packets)
        {
            history.Add(fromClient, flags, length);
            tracker.Add(fromClient, flags, length);
        }
        return tracker.State(history.ToString());
    }

    private static readonly (bool, TcpFlags, int)[] Handshake = [(C, Syn, 0), (S, Syn | Ack, 0), (C, Ack, 0)];

    private static (bool, TcpFlags, int)[] After((bool, TcpFlags, int)[] start, params (bool, TcpFlags, int)[] more) => [.. start, .. more];

    [Fact]
    public void S0_a_SYN_and_its_retransmission_with_no_reply() =>
        Assert.Equal(ConnState.S0, StateOf((C, Syn, 0), (C, Syn, 0)));

    [Fact]
    public void REJ_a_SYN_answered_with_a_RST() =>
        Assert.Equal(ConnState.REJ, StateOf((C, Syn, 0), (S, Rst | Ack, 0)));

    [Fact]
    public void REJ_also_when_both_sides_reset_a_connection_that_carried_no_data() =>
        Assert.Equal(ConnState.REJ, StateOf(After(Handshake, (C, Rst, 0), (S, Rst, 0))));

    [Fact]
    public void S1_established_and_never_closed() =>
        Assert.Equal(ConnState.S1, StateOf(After(Handshake, (C, Psh | Ack, 100), (S, Ack, 0))));

    [Fact]
    public void SF_both_sides_closed_with_FIN() =>
        Assert.Equal(ConnState.SF, StateOf(After(Handshake, (C, Psh | Ack, 100), (S, Psh | Ack, 200), (C, Fin | Ack, 0), (S, Fin | Ack, 0), (C, Ack, 0))));

    [Fact]
    public void SF_stays_when_a_RST_follows_both_FINs() =>
        Assert.Equal(ConnState.SF, StateOf(After(Handshake, (C, Fin | Ack, 0), (S, Fin | Ack, 0), (C, Rst, 0))));

    [Fact]
    public void SF_when_a_FIN_then_RST_is_answered_by_the_other_sides_FIN() =>
        Assert.Equal(ConnState.SF, StateOf(After(Handshake, (S, Fin | Ack, 0), (S, Rst, 0), (C, Fin | Ack, 0))));

    [Fact]
    public void S2_the_client_closed_and_the_server_did_not() =>
        Assert.Equal(ConnState.S2, StateOf(After(Handshake, (C, Psh | Ack, 100), (C, Fin | Ack, 0), (S, Ack, 0))));

    [Fact]
    public void S3_the_server_closed_and_the_client_did_not() =>
        Assert.Equal(ConnState.S3, StateOf(After(Handshake, (S, Fin | Ack, 0), (C, Ack, 0))));

    [Fact]
    public void RSTO_the_client_reset_an_established_connection() =>
        Assert.Equal(ConnState.RSTO, StateOf(After(Handshake, (C, Psh | Ack, 100), (C, Rst | Ack, 0))));

    [Fact]
    public void RSTR_the_server_reset_an_established_connection() =>
        Assert.Equal(ConnState.RSTR, StateOf(After(Handshake, (C, Psh | Ack, 100), (S, Psh | Ack, 300), (S, Rst, 0))));

    [Fact]
    public void RSTOS0_the_client_reset_its_own_unanswered_SYN() =>
        Assert.Equal(ConnState.RSTOS0, StateOf((C, Syn, 0), (C, Rst, 0)));

    [Fact]
    public void RSTRH_a_SYN_ACK_then_a_RST_from_the_server_with_no_SYN_seen() =>
        Assert.Equal(ConnState.RSTRH, StateOf((S, Syn | Ack, 0), (S, Rst, 0)));

    [Fact]
    public void SH_a_SYN_then_a_FIN_from_the_client_with_no_reply() =>
        Assert.Equal(ConnState.SH, StateOf((C, Syn, 0), (C, Fin, 0)));

    [Fact]
    public void SHR_a_SYN_ACK_then_a_FIN_from_the_server_with_no_SYN_seen() =>
        Assert.Equal(ConnState.SHR, StateOf((S, Syn | Ack, 0), (S, Fin | Ack, 0)));

    [Fact]
    public void OTH_midstream_traffic_with_no_SYN() =>
        Assert.Equal(ConnState.OTH, StateOf((C, Psh | Ack, 100), (S, Ack, 0), (S, Psh | Ack, 50)));

    [Fact]
    public void OTH_a_midstream_client_reset_with_no_SYN_before_it() =>
        Assert.Equal(ConnState.OTH, StateOf((C, Psh | Ack, 100), (C, Rst | Ack, 0)));

    [Fact]
    public void RSTR_rather_than_REJ_once_the_client_sent_data_and_reset_too() =>
        Assert.Equal(ConnState.RSTR, StateOf(After(Handshake, (C, Psh | Ack, 100), (C, Rst, 0), (S, Rst, 0))));

    [Fact]
    public void A_RSTs_payload_is_not_data_sent() =>
        Assert.Equal(ConnState.REJ, StateOf(After(Handshake, (C, Rst, 0), (S, Rst | Ack, 40))));

    [Fact]
    public void Learning_the_client_late_gives_the_states_of_the_connection_read_with_its_final_client()
    {
        // Midstream data from A (taken for the client), then a SYN from B: B is the client after all.
        var streamed = new ConnStateTracker();
        var streamedHistory = new HistoryBuilder();
        streamed.Add(true, Psh | Ack, 100);
        streamedHistory.Add(true, Psh | Ack, 100);
        streamed.Flip();
        streamedHistory.Flip();
        foreach (var (fromClient, flags) in new[] { (true, Syn), (true, Rst) })
        {
            streamed.Add(fromClient, flags, 0);
            streamedHistory.Add(fromClient, flags, 0);
        }

        var read = StateOf((S, Psh | Ack, 100), (C, Syn, 0), (C, Rst, 0));
        Assert.Equal(read, streamed.State(streamedHistory.ToString()));
        Assert.Equal(ConnState.OTH, read); // the server sent data first, so neither REJ nor RSTOS0
    }

    [Theory]
    [InlineData("SR", true)]
    [InlineData("SdR", true)]
    [InlineData("SDR", true)]
    [InlineData("SRh", true)]
    [InlineData("ShR", true)] // the responder's h is lower case: only the originator's letters stop it
    [InlineData("SAR", false)]
    [InlineData("SFR", false)]
    [InlineData("SHR", false)]
    [InlineData("DSR", false)]
    [InlineData("S", false)]
    [InlineData("", false)]
    public void The_RSTOS0_history_test_is_Zeeks_pattern(string history, bool matches) =>
        Assert.Equal(matches, ConnStateRule.SynThenReset(history));

    [Fact]
    public void Every_code_has_a_description() =>
        Assert.All(Enum.GetValues<ConnState>(), s => Assert.NotEqual("", TsharkRst.Findings.Vocabulary.Describe(s)));
}
