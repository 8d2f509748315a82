using TsharkRst.Rows;

namespace TsharkRst.Tests.Rows;

public class FrameOrderMergeTests
{
    private static readonly string[] Columns = ["frame.number", "tcp.stream"];

    private static PacketRecord Row(long frame, long? stream) =>
        new(new PacketRow { Frame = frame, TcpStream = stream }, [frame.ToString(), stream?.ToString() ?? ""]);

    private static Task Feed(FrameOrderMerge merge, int lane, params PacketRecord[] rows) => Task.Run(() =>
    {
        foreach (var row in rows)
            merge.Add(lane, row);
        merge.Complete(lane);
    });

    [Fact]
    public async Task Rows_of_three_tsharks_come_out_by_frame_with_streams_numbered_as_one_tshark_numbers_them()
    {
        // Lanes of one row each: every lane waits on the others, as a tshark ahead of the rest does.
        using var merge = new FrameOrderMerge(3, Columns, laneRows: 1);
        var feeding = Task.WhenAll(
            Feed(merge, 0, Row(1, 0), Row(4, 1), Row(5, 0)),
            Feed(merge, 1, Row(2, 0), Row(3, 0), Row(6, 1)),
            Feed(merge, 2, Row(7, null)));
        var merged = new List<PacketRecord>();

        await Task.Run(() => merge.Run(merged.Add, CancellationToken.None));
        await feeding;

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], merged.Select(r => r.Row.Frame));
        // Each stream numbered where it first appears: lane 0's 0 and 1 are 0 and 2, lane 1's are 1 and 3.
        Assert.Equal([0L, 1, 1, 2, 0, 3, null], merged.Select(r => r.Row.TcpStream));
        Assert.Equal(["0", "1", "1", "2", "0", "3", ""], merged.Select(r => r.Values[1]));
    }

    [Fact]
    public async Task A_merge_that_fails_stops_the_tsharks_waiting_on_full_lanes()
    {
        using var merge = new FrameOrderMerge(2, Columns, laneRows: 1);
        var feeding = Feed(merge, 0, Row(1, 0), Row(2, 0), Row(3, 0), Row(4, 0));
        merge.Complete(1);

        Assert.Throws<InvalidOperationException>(() => merge.Run(_ => throw new InvalidOperationException("the conclusion gave up"), CancellationToken.None));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeding.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_row_without_tcp_stream_column_keeps_its_values()
    {
        using var merge = new FrameOrderMerge(1, ["frame.number"]);
        merge.Add(0, new PacketRecord(new PacketRow { Frame = 9, TcpStream = 4 }, ["9"]));
        merge.Complete(0);
        var merged = new List<PacketRecord>();

        merge.Run(merged.Add, CancellationToken.None);

        Assert.Equal(["9"], Assert.Single(merged).Values);
        Assert.Equal(0, merged[0].Row.TcpStream);
    }
}
