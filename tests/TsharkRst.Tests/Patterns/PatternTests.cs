using System.Net;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Patterns;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Patterns;

public class PatternTests
{
    private static readonly ResetFinding Base = Talk.Start().Client(Syn).Server(Rst | Ack).Diagnose();

    private static ResetFinding Finding(Verdict verdict, double idle = 0, string server = "198.51.100.10:443", string client = "192.0.2.10:40000", long frame = 2) =>
        Base with
        {
            Verdict = verdict,
            IdleBeforeSeconds = idle,
            Server = Endpoint.Parse(server),
            Client = Endpoint.Parse(client),
            RstFrame = frame,
        };

    private static ConnectionSummary Connection(string server, long clientBytes, bool reset) => new(
        Endpoint.Parse("192.0.2.10:40000"), Endpoint.Parse(server), 1, 2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        2, clientBytes, 0, reset, reset ? "ShADr" : "ShADadFf", reset ? ConnState.RSTR : ConnState.SF);

    [Fact]
    public void Idle_gaps_that_cluster_name_the_timer_and_the_defaults_it_matches()
    {
        var findings = new[]
        {
            Finding(Verdict.IdleTimeout, 598, frame: 10), Finding(Verdict.IdleTimeout, 600.2, frame: 20),
            Finding(Verdict.IdleTimeout, 602, frame: 30), Finding(Verdict.IdleTimeout, 30, frame: 40),
            Finding(Verdict.ResponseAborted, 599, frame: 50),
        };
        var pattern = Assert.Single(IdleTimerPattern.Find(findings));
        Assert.Equal("idle-timer", pattern.Kind);
        Assert.Equal(3, pattern.Connections);
        Assert.Equal(600.2, pattern.Details["estimatedSeconds"]);
        Assert.Equal(new long[] { 10, 20, 30 }, pattern.Details["rstFrames"]);
        Assert.Equal("3 connections were reset after 598–602 s idle: one idle timer of about 600 s (at most 598 s) on the path. " +
                     "It matches the default of Google VPC firewall tracking (600 s), Google external Application LB (backend) (600 s), " +
                     "Google external Application LB (client keepalive) (610 s).",
            pattern.Summary);
    }

    [Fact]
    public void A_single_idle_timeout_is_no_pattern()
    {
        Assert.Empty(IdleTimerPattern.Find([Finding(Verdict.IdleTimeout, 350)]));
    }

    [Fact]
    public void One_source_refused_on_many_ports_is_a_scan()
    {
        var refused = Enumerable.Range(1, 12).Select(i => Finding(Verdict.PortClosed, server: $"198.51.100.10:{1000 + i}")).ToList();
        var pattern = Assert.Single(ScanPattern.Find(refused));
        Assert.Equal("scan", pattern.Kind);
        Assert.Equal("192.0.2.10", pattern.Details["source"]);
        Assert.Equal(12, pattern.Details["targets"]);
        Assert.Empty(ScanPattern.Find(refused.Take(ScanPattern.MinTargets - 1).ToList()));
    }

    [Fact]
    public void One_address_behind_two_MACs_is_a_conflict()
    {
        var profiles = new AddressProfiles();
        profiles.ObserveMac(IPAddress.Parse("198.51.100.10"), "02:00:00:00:02:10", 4);
        profiles.ObserveMac(IPAddress.Parse("198.51.100.10"), "02:00:00:00:02:66", 13);
        profiles.ObserveMac(IPAddress.Parse("192.0.2.10"), "02:00:00:00:01:10", 1);
        var pattern = Assert.Single(MacConflictPattern.Find(profiles));
        Assert.Equal("198.51.100.10 was seen behind 2 MAC addresses (02:00:00:00:02:10 from frame 4, 02:00:00:00:02:66 from frame 13): " +
                     "two hosts claim one address, or a device answers in its name.", pattern.Summary);
    }

    [Fact]
    public void Resets_only_above_a_request_size_are_a_size_pattern()
    {
        const string server = "198.51.100.10:443";
        var connections = new[]
        {
            Connection(server, 100, false), Connection(server, 500, false),
            Connection(server, 2000, true), Connection(server, 3000, true),
        };
        var pattern = Assert.Single(RequestSizePattern.Find(connections));
        Assert.Equal((2000L, 500L), ((long)pattern.Details["smallestResetBytes"]!, (long)pattern.Details["largestCleanBytes"]!));
        Assert.Empty(RequestSizePattern.Find([.. connections, Connection(server, 2500, false)]));
    }

    [Fact]
    public void The_reset_rate_counts_every_connection_to_the_server()
    {
        const string server = "198.51.100.10:443";
        var connections = new[] { Connection(server, 10, true), Connection(server, 10, true), Connection(server, 10, false) };
        var findings = new[] { Finding(Verdict.IdleTimeout, 400, server), Finding(Verdict.AfterClose, 0, server) };
        var pattern = Assert.Single(ResetRatePattern.Find(connections, findings));
        Assert.Equal("198.51.100.10:443: 2 of 3 connections reset (67%): after-close 1, idle-timeout 1.", pattern.Summary);
        Assert.Equal(0.6667, pattern.Details["share"]);
    }
}
