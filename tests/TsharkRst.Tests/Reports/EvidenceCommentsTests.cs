using TsharkRst.Analysis;
using TsharkRst.Findings;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reports;

public sealed class EvidenceCommentsTests
{
    private static readonly ResetFinding PortClosed = Talk.Start().Client(Syn).Server(Rst | Ack).Diagnose();

    [Fact]
    public void The_RSTs_of_the_findings_kept_whole_are_commented_whatever_order_the_findings_come_in()
    {
        // 300 findings on every third frame, each known only shortly before the copy reaches it (blocks of 10 in
        // reverse order), with a limit of 100: the same first 100 that KeptFindings keeps get comments.
        var comments = new EvidenceComments(limit: 100);
        var kept = new KeptFindings(limit: 100);
        var commented = new List<long>();
        for (var block = 0; block < 30; block++)
        {
            for (var i = 9; i >= 0; i--)
            {
                var finding = PortClosed with { RstFrame = 3 * (block * 10 + i) + 1 };
                comments.Add(finding);
                kept.Add(finding);
            }
            // The copy goes through every frame of the block.
            for (var frame = 30L * block + 1; frame <= 30L * block + 30; frame++)
                if (comments.At(frame) is { } comment)
                {
                    Assert.Equal(EvidenceCapture.Comment(PortClosed with { RstFrame = frame }), comment);
                    commented.Add(frame);
                }
        }

        Assert.False(comments.Broken);
        Assert.Equal(kept.Complete().Kept.Select(f => f.RstFrame), commented);
        Assert.Equal(commented, comments.Given.Select(g => g.Frame));
        Assert.Equal(298, commented[^1]);
    }

    [Fact]
    public void A_finding_outside_the_copied_frames_still_takes_its_place()
    {
        var comments = new EvidenceComments(limit: 2);
        comments.Add(PortClosed with { RstFrame = 5 });
        comments.Add(PortClosed with { RstFrame = 2 });
        comments.Add(PortClosed with { RstFrame = 9 });

        // Frame 2 is not copied (not in the evidence): it is passed, and still one of the two kept.
        Assert.Null(comments.At(4));
        Assert.NotNull(comments.At(5));
        Assert.Null(comments.At(9));
        Assert.Equal([5L], comments.Given.Select(g => g.Frame));
    }

    [Theory]
    [InlineData(2, true)] // it had a place: frame 6 went without its comment
    [InlineData(1, false)] // the one place went to frame 4 before it: nothing written changes
    public void A_finding_for_a_frame_already_passed_breaks_the_comments_only_if_it_could_have_been_kept(int limit, bool broken)
    {
        var comments = new EvidenceComments(limit);
        comments.Add(PortClosed with { RstFrame = 4 });
        comments.At(4);
        comments.At(6);

        comments.Add(PortClosed with { RstFrame = 6 });

        Assert.Equal(broken, comments.Broken);
    }
}
