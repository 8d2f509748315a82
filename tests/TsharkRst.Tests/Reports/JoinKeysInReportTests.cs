using TsharkRst.Reports;
using TsharkRst.Rows;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reports;

/// <summary>The report's card gives the Community ID as text to copy, and the tampering signature when one fits.</summary>
public class JoinKeysInReportTests
{
    private static string Html(params Talk[] talks)
    {
        var findings = talks.Select(t => t.Diagnose()).ToList();
        var at = findings[0].RstTime;
        var document = new FindingsDocument(new CaptureInfo("/c.pcap", "c.pcap", "00", 12, at, at, "TShark 4.0"), findings, [], []);
        return ReportTemplates.BuiltIn.RenderHtml(ReportView.From(document));
    }

    [Fact]
    public void A_card_shows_the_Community_ID_with_a_copy_button_and_the_signature_that_fits()
    {
        var html = Html(Talk.Handshake().Client(Psh | Ack, 517).Client(Rst, change: r => r with { Ack = 0x5eed }).Client(Rst));

        // 192.0.2.10:40000 and 198.51.100.10:443 as the spec's algorithm gives it (its vectors are checked elsewhere); "=" escaped.
        Assert.Contains(">1:nWA+yYPdE0Sz8bMrfv5yrRWRBp4&#x3D;</code><button type=\"button\" data-copy title=\"Copy the Community ID\">Copy Community ID</button>", html);
        Assert.Contains("<span class=\"mono\">PSH+ACK -&gt; RST;RST0 (post-psh)</span>", html);
        Assert.Contains("querySelector('code')", html); // each copy button copies the code beside it
    }

    [Fact]
    public void A_card_without_a_signature_shows_no_tampering_line()
    {
        var html = Html(Talk.Start().Client(Syn).Server(Rst | Ack));
        Assert.Contains("data-community-id", html);
        Assert.DoesNotContain("data-tampering", html);
    }
}
