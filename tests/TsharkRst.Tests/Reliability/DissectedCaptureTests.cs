using System.Diagnostics;
using TsharkRst.Analysis;
using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reliability;

public class DissectedCaptureTests
{
    private static readonly CaptureInput Input = new("/caps/big.pcapng", "big.pcapng");

    /// <summary>A dissection whose last connection is handed over before it returns, with a hash that goes on after it, as a
    /// big capture's does; <paramref name="hashing"/> sees whether the dissection was stopped.</summary>
    private static DissectedCapture Dissection(TaskCompletionSource<bool> hashing) =>
        DissectedCapture.Start(Input, async (handover, token) =>
        {
            handover.Complete();
            await Task.Delay(100, CancellationToken.None);
            var hash = Task.Run(async () =>
            {
                await using var stopped = token.Register(() => hashing.TrySetResult(false));
                await Task.Delay(300, CancellationToken.None);
                hashing.TrySetResult(true);
                return "9f86d081";
            });
            return new DissectionEnd(hash, 0, null, null, new ConnectionIndex(), new EvidenceSource("", [], frame => frame), []);
        }, CancellationToken.None);

    [Fact]
    public async Task A_conclusion_that_read_every_connection_lets_the_hash_finish()
    {
        var hashing = new TaskCompletionSource<bool>();
        await using var capture = Dissection(hashing);
        await foreach (var _ in capture.Connections())
        {
        }
        var end = await capture.End;
        Assert.Equal("9f86d081", await end.Hashing);
        Assert.True(await hashing.Task);
    }

    [Fact]
    public async Task A_conclusion_that_stops_reading_stops_the_dissection()
    {
        var stopped = new TaskCompletionSource();
        var connection = new DissectedConnection(0, Talk.Handshake().Server(Rst | Ack).Connection, null, []);
        await using var capture = DissectedCapture.Start(Input, async (handover, token) =>
        {
            handover.Connection(connection);
            await using var registration = token.Register(stopped.SetResult);
            await Task.Delay(Timeout.Infinite, token); // more connections to come
            throw new UnreachableException();
        }, CancellationToken.None);
        await using (var connections = capture.Connections().GetAsyncEnumerator())
        {
            Assert.True(await connections.MoveNextAsync());
            Assert.Same(connection, connections.Current);
        }
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hash_still_running_when_the_capture_is_disposed_is_stopped()
    {
        var hashing = new TaskCompletionSource<bool>();
        await using (var capture = Dissection(hashing))
            await capture.End; // a conclusion that failed after the last connection
        Assert.False(await hashing.Task);
    }
}
