using System.Globalization;
using TsharkRst.Findings;
using TsharkRst.Processes;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Spec fields the lab labels do not cover, checked against tshark itself on the real captures.</summary>
public class PipelineTests
{
    private static async Task<List<string[]>> TsharkAsync(string capture, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-r", capture, "-n", "-Y", filter, "-T", "fields", "-E", "separator=/t" };
        foreach (var field in fields)
            arguments.AddRange(["-e", field]);
        var output = await ProcessRunner.ReadAllAsync(new ProcessCommand(TsharkRst.Tshark.TsharkProgram.Default.Path, arguments));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    public static TheoryData<string> ScenariosWithResets => new(FixtureAnalyses.Scenarios
        .Where(s => FixtureAnalyses.Expected(s)["resets"]!.AsArray().Count > 0));

    [Theory]
    [MemberData(nameof(ScenariosWithResets))]
    public async Task The_wireshark_filter_shows_exactly_the_connection_and_the_RST_time_and_count_are_tsharks(string scenario)
    {
        var result = await FixtureAnalyses.AnalyzeAsync(scenario);
        var capture = FixtureAnalyses.CapturePath(scenario);
        foreach (var finding in result.Document!.Resets)
        {
            var shown = await TsharkAsync(capture, finding.WiresharkFilter, "frame.number", "tcp.flags.reset", "frame.time_epoch");
            Assert.Contains(shown, row => row[0] == finding.RstFrame.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(finding.RstCount, shown.Count(row => row[1] is "1" or "True"));
            var rstEpoch = shown.Single(row => row[0] == finding.RstFrame.ToString(CultureInfo.InvariantCulture))[2];
            var expected = DateTimeOffset.FromUnixTimeSeconds(long.Parse(rstEpoch.Split('.')[0], CultureInfo.InvariantCulture))
                .AddTicks(long.Parse(rstEpoch.Split('.')[1][..7], CultureInfo.InvariantCulture));
            Assert.Equal(expected, finding.RstTime);
            // No lab capture reuses a 4-tuple, so the filter must show exactly the 4-tuple's frames.
            var ip = finding.Client.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6" : "ip";
            var tuple = await TsharkAsync(capture,
                $"{ip}.addr=={finding.Client.Address} && {ip}.addr=={finding.Server.Address} && tcp.port=={finding.Client.Port} && tcp.port=={finding.Server.Port} && !icmp && !icmpv6",
                "frame.number");
            Assert.Equal(tuple.Select(row => row[0]), shown.Select(row => row[0]));
        }
    }

    [Fact]
    public async Task The_capture_block_counts_every_packet_and_names_the_tshark_used()
    {
        var result = await FixtureAnalyses.AnalyzeAsync("firewall-reject");
        var capture = result.Document!.Capture;
        var all = await TsharkAsync(FixtureAnalyses.CapturePath("firewall-reject"), "frame", "frame.number");
        Assert.Equal(all.Count, capture.Packets);
        Assert.Equal("firewall-reject.pcapng", capture.Name);
        Assert.Matches("^[0-9a-f]{64}$", capture.Sha256!);
        Assert.StartsWith("TShark (Wireshark) ", capture.Tshark);
        Assert.True(capture.First <= capture.Last);
    }

    [Fact]
    public async Task A_TLS_alert_finding_carries_the_whole_TLS_context()
    {
        var finding = Assert.Single((await FixtureAnalyses.AnalyzeAsync("tls-alert-protocol-version")).Document!.Resets);
        var hello = Assert.Single(await TsharkAsync(FixtureAnalyses.CapturePath("tls-alert-protocol-version"),
            "tls.handshake.type == 1", "frame.number"));
        var alert = Assert.Single(await TsharkAsync(FixtureAnalyses.CapturePath("tls-alert-protocol-version"),
            "tls.alert_message", "frame.number"));
        Assert.Equal(long.Parse(hello[0], CultureInfo.InvariantCulture), finding.Tls!.ClientHelloFrame);
        Assert.Null(finding.Tls.ServerHelloFrame);
        Assert.Equal(new TlsAlert(Side.Server, "fatal", "protocol_version", long.Parse(alert[0], CultureInfo.InvariantCulture)), finding.Tls.Alert);
        Assert.Equal(["TLS 1.2"], finding.Tls.Versions);
        Assert.Equal(Confidence.High, finding.Confidence);
        Assert.Contains(finding.Evidence, e => e.Frame == finding.Tls.Alert!.Frame && e.Note == "TLS alert protocol_version (fatal) from the server");
    }

    [Fact]
    public async Task A_clean_FIN_only_capture_has_no_finding_and_no_error()
    {
        foreach (var scenario in new[] { "clean-fin-http", "clean-fin-tls" })
        {
            var document = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
            Assert.Empty(document.Resets);
            Assert.Empty(document.Errors);
            Assert.Equal("ShADadfF", Assert.Single(document.Connections).History); // the server closes first
        }
    }

    [Fact]
    public async Task A_client_that_gave_up_says_how_long_it_waited()
    {
        var finding = Assert.Single((await FixtureAnalyses.AnalyzeAsync("client-gives-up")).Document!.Resets);
        Assert.Equal(Verdict.RequestAbandoned, finding.Verdict);
        Assert.InRange(finding.IdleBeforeSeconds, 6.5, 8);
        Assert.Contains($"after waiting {FindingWords.Duration(finding.IdleBeforeSeconds)}", finding.Summary);
    }

    [Theory]
    [InlineData("idle-timeout-conntrack", "idle-timer")]
    [InlineData("idle-timeout-conntrack-v6", "idle-timer")]
    [InlineData("port-scan", "scan")]
    [InlineData("duplicate-ip", "mac-conflict")]
    public async Task The_lab_captures_show_their_cross_connection_pattern(string scenario, string kind)
    {
        var document = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
        Assert.Single(document.Patterns, p => p.Kind == kind);
        Assert.Contains(document.Patterns, p => p.Kind == "reset-rate");
    }

    [Fact]
    public async Task A_capture_without_a_reason_for_patterns_has_only_its_reset_rate()
    {
        var document = (await FixtureAnalyses.AnalyzeAsync("firewall-reject")).Document!;
        Assert.Equal(["reset-rate"], document.Patterns.Select(p => p.Kind));
    }
}
