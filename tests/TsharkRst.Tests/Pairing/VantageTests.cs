using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>Which capture was taken at which end: from TTLs a router lowered, and from which capture
/// saw each direction's packets first.</summary>
public class VantageTests
{
    [Fact]
    public void The_capture_where_the_clients_packets_carry_the_higher_TTL_is_the_client_side()
    {
        var pairing = TwoEnds.Start().Handshake().Client(Psh | Ack, 10).ClientSidePairing();
        Assert.Equal(Side.Client, pairing.Sides.Here);
        Assert.Equal("this is the client-side capture and server.pcapng the server-side one: the client's packets carry TTL 64 here " +
                     "and 63 there, and the client's packets are captured here first and the server's there first", pairing.Sides.Reason);
        Assert.Equal(Side.Server, pairing.Reversed().Sides.Here);
    }

    [Fact]
    public void Without_a_router_between_the_captures_timing_alone_tells_the_ends()
    {
        var pairing = TwoEnds.Start(sameSegment: true, offset: TimeSpan.FromHours(-2)).Handshake().Client(Psh | Ack, 10).ClientSidePairing();
        Assert.Equal(Side.Client, pairing.Sides.Here);
        Assert.EndsWith("one: the client's packets are captured here first and the server's there first", pairing.Sides.Reason);
    }

    [Fact]
    public void TTLs_and_timing_that_disagree_leave_the_ends_unknown_and_say_so()
    {
        var pairs = new[]
        {
            // The client's packet has the higher TTL here (client side), but arrives there before it is seen here.
            new SegmentPair(Row(0, ttl: 64), Row(-0.002, ttl: 63), FromClient: true, Unique: true),
            new SegmentPair(Row(1, ttl: 63), Row(1.002, ttl: 64), FromClient: false, Unique: true),
        };
        var vantage = VantageRule.Judge(pairs, "b.pcapng");
        Assert.Equal(Side.Unknown, vantage.Here);
        Assert.Equal("which end each capture was taken at cannot be told: TTLs put this capture at the client's end (the client's packets " +
                     "carry TTL 64 here and 63 there), timing at the server's (the server's packets are captured here first and the client's there first)",
            vantage.Reason);
    }

    private static Segment Row(double seconds, int ttl) => new()
    {
        Time = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddSeconds(seconds),
        HopCount = ttl,
    };
}
