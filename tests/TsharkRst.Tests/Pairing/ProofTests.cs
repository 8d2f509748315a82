using TsharkRst.Findings;
using TsharkRst.Pairing;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>What the capture at the other end proves about a RST, and how that outranks the inferred
/// signals, from small row sets.</summary>
public class ProofTests
{
    private static TwoEnds Requested(bool nat = false) =>
        TwoEnds.Start(nat: nat).Handshake().Client(Psh | Ack, 120).Server(Ack);

    [Fact]
    public void A_RST_in_the_servers_name_that_never_left_the_server_is_a_middlebox_whatever_its_TTL_says()
    {
        // Forged with the TTL the server's packets arrive with: no inferred signal can tell.
        var finding = Requested().ForgedToClient(Rst | Ack, ttl: 63).DiagnoseAtClient();
        Assert.Equal((Origin.Middlebox, Confidence.High, Verdict.MiddleboxInjection), (finding.Origin, finding.Confidence, finding.Verdict));
        Assert.Equal(new ResetPair("server.pcapng", null, false, 5.0), finding.Pair);
        Assert.EndsWith("in the server's name during the request phase (proven by the server-side capture: the server never sent it).", finding.Summary);
        Assert.Contains(finding.Evidence, e => e.Frame == 6 && e.Note ==
            "not in the server-side capture (server.pcapng), which was capturing at the time: this RST never left the server; " +
            "a device between the two capture points made it");
        Assert.Contains(finding.Evidence, e => e.Frame == 1 && e.Note ==
            "the same connection as frames 1–5 of the server-side capture (server.pcapng), matched by endpoints");
    }

    [Fact]
    public void A_RST_the_server_side_capture_shows_leaving_the_server_is_the_servers_even_when_its_TTL_looks_forged()
    {
        var ends = Requested().Server(Rst | Ack);
        var atClient = ends.ClientSide.Select(r => r.Flags!.Value.HasFlag(Rst) ? r with { Ttl = 64 } : r).ToList();
        var pairing = CapturePairing.Of(TwoEnds.Vantage("client.pcapng", atClient), TwoEnds.Vantage("server.pcapng", ends.ServerSide));
        var finding = ends.DiagnoseAtClient(pairing);
        Assert.Equal((Origin.Endpoint, Verdict.RequestRejected), (finding.Origin, finding.Verdict));
        Assert.Equal(new ResetPair("server.pcapng", 6, true, 5.0), finding.Pair);
        Assert.EndsWith("(proven by the server-side capture, where it leaves the server).", finding.Summary);
        Assert.DoesNotContain(finding.Evidence, e => e.Note.StartsWith("RST TTL", StringComparison.Ordinal));
    }

    [Fact]
    public void At_the_senders_own_end_the_RST_leaves_it_there_and_the_other_capture_shows_where_it_arrived()
    {
        var finding = Requested(nat: true).Server(Rst | Ack).DiagnoseAtServer();
        Assert.Equal((Side.Server, Origin.Endpoint), (finding.SentBy, finding.Origin));
        Assert.Equal(new ResetPair("client.pcapng", 6, null, -5.0), finding.Pair);
        Assert.Contains(finding.Evidence, e => e.Note ==
            "this is the server-side capture: the RST left the server here and reached the client-side capture (client.pcapng) as frame 6");
        Assert.Contains(finding.Evidence, e => e.Note ==
            "the same connection as frames 1–6 of the client-side capture (client.pcapng), matched by initial sequence numbers " +
            "(the client is 192.0.2.10:40000 there: NAT)");
    }

    [Fact]
    public void Data_dropped_on_the_path_right_before_the_reset_is_evidence()
    {
        var finding = TwoEnds.Start().Handshake().Client(Psh | Ack, 10).Server(Psh | Ack, 20).Client(Ack)
            .Client(Psh | Ack, 15, after: 9, lost: true)
            .ForgedToClient(Rst)
            .DiagnoseAtClient();
        Assert.Equal((Verdict.IdleTimeout, Origin.Middlebox), (finding.Verdict, finding.Origin));
        Assert.Contains(finding.Evidence, e => e.Frame == 7 && e.Note ==
            "15 bytes of data left the client and never reached the server-side capture (server.pcapng): dropped on the path");
    }

    [Fact]
    public void A_capture_that_had_stopped_before_the_RST_proves_nothing()
    {
        var ends = Requested().ForgedToClient(Rst | Ack, after: 30);
        var finding = ends.DiagnoseAtClient(ends.ClientSidePairing(serverRunsOn: TimeSpan.FromSeconds(2)));
        Assert.Equal(new ResetPair("server.pcapng", null, null, 5.0), finding.Pair);
        Assert.Equal(Origin.Middlebox, finding.Origin); // inferred from the TTL alone, as without a pair
        Assert.Equal(Confidence.Medium, finding.Confidence);
        Assert.DoesNotContain("proven", finding.Summary);
    }

    [Fact]
    public void A_RST_looked_up_when_the_ends_cannot_be_told_is_found_but_proves_nothing()
    {
        var ends = TwoEnds.Start(sameSegment: true).Handshake().Client(Psh | Ack, 10).Server(Rst | Ack);
        // Both captures at one point of the path: the same packets at the same time.
        var here = ends.ClientSide;
        var there = here.Select(r => r with { Time = r.Time.AddSeconds(3) }).ToList();
        var pairing = CapturePairing.Of(TwoEnds.Vantage("a.pcapng", here), TwoEnds.Vantage("b.pcapng", there));
        Assert.Equal(Side.Unknown, pairing.Sides.Here);
        var finding = ends.DiagnoseAtClient(pairing);
        Assert.Equal(new ResetPair("b.pcapng", 5, null, 3.0), finding.Pair);
        Assert.Equal(Origin.Endpoint, finding.Origin);
        Assert.StartsWith("Paired with b.pcapng: which end each capture was taken at cannot be told", Assert.Single(pairing.Problems()));
    }
}
