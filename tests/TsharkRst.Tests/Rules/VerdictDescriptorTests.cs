using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Rules;

public class VerdictDescriptorTests
{
    private static ConfidenceFacts Facts(bool handshake = true, Origin origin = Origin.Endpoint, Confidence originConfidence = Confidence.Low,
        string? alertDescription = "handshake_failure") =>
        new(handshake, new OriginJudgement(origin, originConfidence, []),
            new TlsContext("api.example", [], [], new TlsAlert(Side.Server, "fatal", alertDescription, 7), 4, 5));

    [Fact]
    public void Every_verdict_has_one_descriptor_in_the_order_of_the_enum()
    {
        Assert.Equal(Enum.GetValues<Verdict>(), VerdictDescriptors.All.Select(d => d.Verdict));
        Assert.Equal("tls-rejected", VerdictDescriptors.Of(Verdict.TlsRejected).Name);
        Assert.Equal("The connection was reset during the TLS handshake, with no alert.", VerdictDescriptors.Of(Verdict.TlsRejected).Meaning);
        Assert.Equal(VerdictDescriptors.All.Count, VerdictDescriptors.All.Select(d => d.Light).Distinct().Count());
    }

    [Theory]
    [InlineData(Verdict.PortClosed, true, Confidence.High)]
    [InlineData(Verdict.PortClosed, false, Confidence.Medium)] // the sides were guessed from the ports
    [InlineData(Verdict.FirewallReject, true, Confidence.Low)] // as sure as its origin
    [InlineData(Verdict.MiddleboxInjection, true, Confidence.Low)]
    [InlineData(Verdict.IdleTimeout, true, Confidence.Medium)] // an endpoint's idle timer is inferred from the silence
    [InlineData(Verdict.TlsAlert, true, Confidence.High)]
    [InlineData(Verdict.Unknown, true, Confidence.Low)]
    public void The_confidence_policy_of_each_verdict(Verdict verdict, bool sidesFromHandshake, Confidence expected)
    {
        Assert.Equal(expected, VerdictDescriptors.Of(verdict).Confidence(Facts(sidesFromHandshake)));
    }

    [Fact]
    public void A_middlebox_idle_timer_is_as_sure_as_its_origin_and_an_encrypted_alert_is_medium()
    {
        Assert.Equal(Confidence.High, VerdictDescriptors.Of(Verdict.IdleTimeout).Confidence(Facts(origin: Origin.Middlebox, originConfidence: Confidence.High)));
        Assert.Equal(Confidence.Medium, VerdictDescriptors.Of(Verdict.TlsAlert).Confidence(Facts(alertDescription: null)));
    }

    [Fact]
    public void Report_colours_are_style_rules_four_a_line_the_dark_ones_indented()
    {
        var styles = VerdictStylesView.All;
        Assert.Equal(".v-port-closed{--v:#64748b} .v-firewall-reject{--v:#d9480f} .v-handshake-abort{--v:#a16207} .v-idle-timeout{--v:#7048e8}",
            styles.Light.Split('\n')[0]);
        Assert.Equal(["  .v-unknown{--v:#adb5bd}"], styles.Dark.Split('\n')[3..]);
    }
}
