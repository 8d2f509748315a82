using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public sealed class EvidenceFrontierTests
{
    // Five connections numbered by their first frames; number 2 is not read by tshark, so never concluded.
    private static readonly long[] FirstFrames = [3, 5, 8, 12, 20];

    private static EvidenceFrontier Frontier() => new(FirstFrames.Length, number => FirstFrames[number], number => number != 2);

    [Fact]
    public void The_copy_stops_before_the_first_frame_of_the_earliest_connection_not_yet_concluded()
    {
        var frontier = Frontier();
        Assert.Equal(2, frontier.Safe);

        frontier.Conclude(1); // concluded out of order: connection 0 still holds the copy at its first frame
        Assert.Equal(2, frontier.Safe);

        frontier.Conclude(0); // 1 is done and 2 is not awaited: 3 holds it now
        Assert.Equal(11, frontier.Safe);

        frontier.Conclude(4);
        Assert.Equal(11, frontier.Safe);

        frontier.Conclude(3);
        Assert.Equal(long.MaxValue, frontier.Safe);
    }

    [Fact]
    public void A_connection_concluded_twice_or_not_numbered_changes_nothing()
    {
        var frontier = Frontier();
        frontier.Conclude(-1);
        frontier.Conclude(5);
        Assert.Equal(2, frontier.Safe);
        frontier.Conclude(0);
        frontier.Conclude(0);
        Assert.Equal(4, frontier.Safe);
    }

    [Fact]
    public void Without_connections_everything_may_be_copied()
    {
        Assert.Equal(long.MaxValue, new EvidenceFrontier(0, _ => 0, _ => true).Safe);
        Assert.Equal(long.MaxValue, new EvidenceFrontier(2, number => number + 1, _ => false).Safe);
    }
}
