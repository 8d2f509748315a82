using TsharkRst.Analysis;
using TsharkRst.Findings;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

public sealed class KeptFindingsTests
{
    private static readonly ResetFinding PortClosed = Talk.Start().Client(Syn).Server(Rst | Ack).Diagnose();
    private static readonly ResetFinding Rejected = Talk.Handshake().Client(Psh | Ack, 100).Server(Rst | Ack).Diagnose();

    [Fact]
    public void The_first_findings_by_RST_frame_are_kept_whatever_order_they_come_in()
    {
        var kept = new KeptFindings(limit: 1000);
        // 5,000 findings in blocks of 100 given in reverse order: frame 4,999 first, frame 0 last.
        for (var block = 49; block >= 0; block--)
            for (var i = 0; i < 100; i++)
            {
                var frame = block * 100 + i;
                kept.Add((frame % 7 == 0 ? Rejected : PortClosed) with { RstFrame = frame });
            }

        var (findings, counted) = kept.Complete();

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), findings.Select(f => f.RstFrame));
        Assert.Equal(4000, counted!.Resets);
        Assert.Equal((1000L, 4999L), (counted.FirstRstFrame, counted.LastRstFrame));
        // Multiples of 7 from 1,000 to 4,999: 1,001 … 4,998, that is 572.
        Assert.Equal(new Dictionary<string, long> { ["port-closed"] = 3428, ["request-rejected"] = 572 }, counted.Verdicts);
    }

    [Fact]
    public void Below_the_limit_nothing_is_counted()
    {
        var kept = new KeptFindings(limit: 3);
        kept.Add(PortClosed with { RstFrame = 9 });
        kept.Add(PortClosed with { RstFrame = 4 });
        var (findings, counted) = kept.Complete();
        Assert.Equal([4L, 9], findings.Select(f => f.RstFrame));
        Assert.Null(counted);
    }
}
