using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>Connections found in both captures, from small row sets: by endpoints, behind NAT by
/// initial sequence numbers, and behind a sequence-rewriting device by payload lengths and timing.</summary>
public class MatchingTests
{
    private static TwoEnds Request(int port = 40000, uint isn = 1000, bool nat = false, uint shift = 0) =>
        TwoEnds.Start(port, isn, nat: nat, clientSeqShift: shift).Handshake().Client(Psh | Ack, 120).Server(Ack).Server(Psh | Ack, 300).Client(Ack);

    [Fact]
    public void The_same_endpoints_and_initial_sequence_numbers_are_the_same_connection()
    {
        var pairing = Request().ClientSidePairing();
        var match = Assert.Single(pairing.Connections).Match;
        Assert.Equal((MatchBasis.Endpoints, false, 0u, 0u), (match.By, match.Swapped, match.Outlines.ClientSeqShift, match.Outlines.ServerSeqShift));
        var c = pairing.Connections[0];
        Assert.Equal(7, c.Pairs.Count);
        Assert.Empty(c.OnlyHere);
        Assert.Empty(c.OnlyThere);
    }

    [Fact]
    public void Behind_NAT_the_same_initial_sequence_numbers_find_the_rewritten_connection()
    {
        var pairing = Request(nat: true).ClientSidePairing();
        var match = Assert.Single(pairing.Connections).Match;
        Assert.Equal(MatchBasis.SequenceNumbers, match.By);
        Assert.Equal("203.0.113.1:20000", match.There.Client.ToString());
        Assert.Equal("192.0.2.10:40000", match.Here.Client.ToString());
        Assert.Equal(7, pairing.Connections[0].Pairs.Count);
    }

    [Fact]
    public void A_port_reused_with_another_initial_sequence_number_is_another_connection()
    {
        var here = Request(isn: 1000).ClientSide;
        var there = Request(isn: 777_000).ServerSide;
        var pairing = CapturePairing.Of(TwoEnds.Vantage("a", here), TwoEnds.Vantage("b", there));
        Assert.Empty(pairing.Connections);
        Assert.Equal(Side.Unknown, pairing.Sides.Here);
        Assert.Null(pairing.Clock);
        Assert.StartsWith("Paired with b, but none of this capture's 1 TCP connections is in it", Assert.Single(pairing.Problems()));
    }

    [Fact]
    public void Connections_whose_sequence_numbers_were_rewritten_are_found_by_payload_lengths_and_timing_next_to_a_matched_one()
    {
        var plain = Request(port: 40001, isn: 1000);
        var shifted = TwoEnds.Start(40002, 90_000, clientSeqShift: 123_456_789).Handshake()
            .Client(Psh | Ack, 77).Server(Psh | Ack, 1448).Server(Psh | Ack, 900).Client(Ack);
        var pairing = CapturePairing.Of(
            TwoEnds.Vantage("client.pcapng", TwoEnds.Merge(plain.ClientSide, shifted.ClientSide)),
            TwoEnds.Vantage("server.pcapng", TwoEnds.Merge(plain.ServerSide, shifted.ServerSide)));

        Assert.Equal([MatchBasis.Endpoints, MatchBasis.PayloadAndTiming], pairing.Connections.Select(c => c.Match.By));
        var rewritten = pairing.Connections[1];
        Assert.Equal(123_456_789u, rewritten.Match.Outlines.ClientSeqShift);
        Assert.Equal(7, rewritten.Pairs.Count);
        Assert.Empty(rewritten.OnlyHere);
    }

    [Fact]
    public void A_retransmission_cut_differently_and_seen_in_one_capture_only_leaves_the_payload_lengths_alike()
    {
        // The client resends the last 60 of its 120 bytes, and the path drops that copy: only the client side holds it.
        var plain = Request(port: 40001, isn: 1000);
        var shifted = TwoEnds.Start(40002, 90_000, clientSeqShift: 123_456_789).Handshake()
            .Client(Psh | Ack, 120).Client(Psh | Ack, 60, after: 0.2, lost: true, again: true)
            .Server(Psh | Ack, 1448).Server(Psh | Ack, 900).Client(Ack);
        var pairing = CapturePairing.Of(
            TwoEnds.Vantage("client.pcapng", TwoEnds.Merge(plain.ClientSide, shifted.ClientSide)),
            TwoEnds.Vantage("server.pcapng", TwoEnds.Merge(plain.ServerSide, shifted.ServerSide)));

        Assert.Equal([MatchBasis.Endpoints, MatchBasis.PayloadAndTiming], pairing.Connections.Select(c => c.Match.By));
        Assert.Equal(123_456_789u, pairing.Connections[1].Match.Outlines.ClientSeqShift);
        // Its bytes reached the server in the first copy: nothing is missing there.
        Assert.Empty(pairing.Connections[1].OnlyHere);
    }

    [Fact]
    public void A_match_tshark_gave_no_rows_of_in_the_other_capture_proves_nothing_and_stops_nothing()
    {
        // The triage pass outlined the server side's connection, but tshark read none of its packets as TCP.
        var ends = TwoEnds.Start().Handshake().Client(Psh | Ack, 120).Server(Rst | Ack);
        var server = TwoEnds.Vantage("server.pcapng", ends.ServerSide);
        var index = ConnectionAssembly.Assemble(ends.ServerSide).Index;
        var rowless = server with { Dissected = new Dictionary<int, Connection> { [0] = new(index[0], []) } };
        var pairing = CapturePairing.Of(TwoEnds.Vantage("client.pcapng", ends.ClientSide), rowless);

        Assert.Equal(MatchBasis.Endpoints, Assert.Single(pairing.Matches).By);
        Assert.Empty(pairing.Connections);
        var finding = ends.DiagnoseAtClient(pairing);
        Assert.Equal(new ResetPair("server.pcapng", null, null, pairing.Clock!.OffsetSeconds), finding.Pair);
        Assert.Contains(finding.Evidence, e => e.Note == "this connection is not in server.pcapng: nothing about this RST is proven by it");
    }

    [Fact]
    public void One_look_alike_connection_with_nothing_else_matched_is_not_taken_for_the_same()
    {
        // Same payload lengths, other sequence numbers and ports, and no other connection to align the clocks by.
        var here = Request(port: 40001, isn: 1000).ClientSide;
        var there = Request(port: 40002, isn: 60_000).ServerSide;
        var pairing = CapturePairing.Of(TwoEnds.Vantage("a", here), TwoEnds.Vantage("b", there));
        Assert.Empty(pairing.Connections);
    }

    [Fact]
    public void A_lost_segment_that_was_retransmitted_is_not_reported_as_lost()
    {
        var pairing = TwoEnds.Start().Handshake().Client(Psh | Ack, 120, lost: true).Client(Psh | Ack, 120, after: 0.2, again: true)
            .Server(Ack).ClientSidePairing();
        var c = Assert.Single(pairing.Connections);
        // The retransmission that arrived carries the lost segment's bytes: nothing is missing there.
        Assert.Empty(c.OnlyHere);
        Assert.Equal(5, c.Pairs.Count);
        Assert.False(c.Pairs.Single(p => p.Here.PayloadLength > 0).Unique);
    }

    [Fact]
    public void A_segment_lost_for_good_is_in_one_capture_only()
    {
        var c = Assert.Single(TwoEnds.Start().Handshake().Client(Psh | Ack, 120, lost: true).ClientSidePairing().Connections);
        Assert.Equal(120, Assert.Single(c.OnlyHere).PayloadLength);
        Assert.Empty(c.OnlyThere);
    }
}
