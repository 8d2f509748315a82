using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>The offset between the two captures' clocks and the one-way delay, from the packets both saw.</summary>
public class ClockTests
{
    [Fact]
    public void With_the_same_delay_both_ways_the_offset_and_the_delay_come_out_exactly()
    {
        var pairing = TwoEnds.Start(delay: TimeSpan.FromMilliseconds(2), offset: TimeSpan.FromSeconds(5))
            .Handshake().Client(Psh | Ack, 100).Server(Psh | Ack, 200).Client(Ack).ClientSidePairing();
        Assert.Equal(new ClockEstimate(5.0, 0.002, 6), pairing.Clock);
        Assert.Equal(new ClockEstimate(-5.0, 0.002, 6), pairing.Reversed().Clock);
    }

    [Fact]
    public void Packets_held_up_in_a_queue_do_not_move_the_estimate()
    {
        var pairing = TwoEnds.Start(delay: TimeSpan.FromMilliseconds(2), offset: TimeSpan.FromSeconds(-30))
            .Handshake()
            .Client(Psh | Ack, 100, queued: 0.040)
            .Server(Psh | Ack, 200, queued: 0.015)
            .Client(Psh | Ack, 100, queued: 0.003)
            .Server(Ack)
            .ClientSidePairing();
        Assert.Equal(-30.0, pairing.Clock!.OffsetSeconds);
        Assert.Equal(0.002, pairing.Clock.OneWayDelaySeconds);
    }

    [Fact]
    public void When_the_ends_cannot_be_told_the_offset_is_the_middle_of_both_directions_and_the_delay_unknown()
    {
        var pairs = new[]
        {
            Pair(fromClient: true, 10.004), Pair(fromClient: true, 10.006), Pair(fromClient: true, 10.002),
            Pair(fromClient: false, 9.996), Pair(fromClient: false, 9.990),
        };
        Assert.Equal(new ClockEstimate(9.9985, null, 5), ClockEstimate.From(pairs, Side.Unknown));
    }

    [Fact]
    public void Look_alike_copies_are_left_out_and_one_direction_only_gives_no_delay()
    {
        var pairs = new[] { Pair(fromClient: true, 1.5), Pair(fromClient: true, 1.7), Pair(fromClient: true, 99, unique: false) };
        Assert.Equal(new ClockEstimate(1.6, null, 2), ClockEstimate.From(pairs, Side.Client));
        Assert.Null(ClockEstimate.From([Pair(fromClient: true, 3, unique: false)], Side.Client));
    }

    private static SegmentPair Pair(bool fromClient, double difference, bool unique = true)
    {
        var t = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        return new SegmentPair(new Segment { Time = t }, new Segment { Time = t.AddTicks((long)Math.Round(difference * TimeSpan.TicksPerSecond)) },
            fromClient, unique);
    }
}
