using TsharkRst.Analysis;
using TsharkRst.Connections;
using TsharkRst.Reports;

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
    public async Task A_conclusion_that_gives_up_stops_the_dissection()
    {
        var hashing = new TaskCompletionSource<bool>();
        await using (var capture = Dissection(hashing))
        {
            await using var connections = capture.Connections().GetAsyncEnumerator();
            await Task.Delay(20);
        }
        Assert.False(await hashing.Task);
    }
}
