using TsharkRst.Findings;
using TsharkRst.Patterns;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;

namespace TsharkRst.Tests.Reports;

/// <summary>The layout decisions made in C# for the templates: ladder geometry, groups and caps,
/// timeline bins and idle buckets.</summary>
public class ReportViewTests
{
    [Fact]
    public void A_ladder_draws_one_arrow_per_step_and_a_break_where_packets_were_left_out()
    {
        var ladder = LadderView.From(LadderStepsTests.LongConnection())!;

        Assert.Equal(["client", "server"], ladder.Lanes.Select(l => l.Name));
        Assert.Equal(15, ladder.Arrows.Count);
        var gap = Assert.Single(ladder.Breaks);
        Assert.Equal(("12 packets not shown", 176), (gap.Text, gap.Y));
        var first = ladder.Arrows[0];
        Assert.Equal((150, 66, 520, 76, "control", "client"), (first.X1, first.Y1, first.X2, first.Y2, first.Kind, first.Direction));
        Assert.Equal(216, ladder.Arrows[3].Y1);
        var rst = ladder.Arrows.Single(a => a.Kind == "rst");
        Assert.Equal(("24", 520, 150, "server", "+23 ms", "RST/ACK"), (rst.Frame, rst.X1, rst.X2, rst.Direction, rst.Time, rst.Flags));
        Assert.Equal("PSH/ACK · 100 B", ladder.Arrows[^1].Flags);
    }

    [Fact]
    public void A_RST_from_a_middlebox_starts_on_a_middlebox_lane_between_the_endpoints()
    {
        var ladder = LadderView.From(LadderStepsTests.LongConnection() with { Origin = Origin.Middlebox })!;

        Assert.Equal(["client", "middlebox", "server"], ladder.Lanes.Select(l => l.Name));
        var rst = ladder.Arrows.Single(a => a.Kind == "rst");
        Assert.Equal((335, 150, "middlebox"), (rst.X1, rst.X2, rst.Direction));
        Assert.All(ladder.Arrows.Where(a => a.Kind != "rst"), a => Assert.NotEqual("middlebox", a.Direction));
    }

    [Fact]
    public void Thousands_of_resets_are_grouped_by_verdict_and_server_with_the_rest_counted()
    {
        var view = ReportView.From(ManyResets.Document(3000));

        Assert.Equal(["idle-timeout", "port-closed", "response-aborted"], view.Sections.Select(s => s.Verdict));
        Assert.All(view.Sections, s => Assert.Equal((8, 32), (s.Servers.Count, s.OtherServers.Count)));
        Assert.Equal([true, false, false], view.Sections.Select(s => s.Open));
        Assert.Equal((120, 2880), (view.CardsShown, view.CardsNotShown));
        var closed = view.Sections.Single(s => s.Verdict == "port-closed").Servers[0];
        Assert.Equal(("198.51.100.1", "443", "25", 5), (closed.Server, closed.Ports, closed.Count, closed.Findings.Count));
        Assert.Equal("…and 20 more like these, not shown one by one: RST frames 3010 to 14410, 1 client address(es), " +
                     "server port(s) 443, idle 0 ms to 9 s. findings.json lists every one.", closed.More);
        Assert.Equal((25, 2975), (view.TableFindings.Count, view.FindingsNotInTable));
    }

    [Fact]
    public void The_timeline_bins_each_verdict_and_links_only_to_cards_that_are_shown()
    {
        var timeline = ReportView.From(ManyResets.Document(3000)).Timeline!;

        Assert.Equal(["idle-timeout", "port-closed", "response-aborted"], timeline.Rows.Select(r => r.Verdict));
        Assert.All(timeline.Rows, r => Assert.Equal(TimelineView.Bins, r.Bars.Count));
        var first = timeline.Rows.Single(r => r.Verdict == "port-closed").Bars[0];
        Assert.Equal("#reset-1", first.Href);
        Assert.StartsWith("port-closed: 17 resets, 2026-11-21T12:00:00.005000Z to 2026-11-21T12:00:48.005000Z UTC", first.Title);
        Assert.Contains(timeline.Rows.SelectMany(r => r.Bars), b => b.Href is null);
        Assert.Equal(["+0 ms", "+12.5 min (750 s)", "+25 min (1500 s)", "+37.5 min (2250 s)", "+50 min (3000 s)"], timeline.Ticks.Select(t => t.Text));
    }

    [Fact]
    public void Pattern_details_are_listed_by_name_with_values_as_JSON()
    {
        var pattern = new Pattern("idle-timer", "3 idle timeouts after 598–602 s.", 3,
            new Dictionary<string, object?> { ["timerSeconds"] = 600.0, ["servers"] = new[] { "198.51.100.10:6379" }, ["device"] = null, ["note"] = "a|b" });

        var view = PatternView.From(pattern);

        Assert.Equal(["device -", "note a|b", "servers [\"198.51.100.10:6379\"]", "timerSeconds 600"], view.Details.Select(d => $"{d.Name} {d.Value}"));
        Assert.Equal("3", view.Connections);
    }

    [Fact]
    public void Idle_gaps_fall_into_fixed_buckets()
    {
        var histogram = ReportView.From(ManyResets.Document(3000)).IdleHistogram!;

        Assert.Equal(
            ["< 10 ms 429", "10–100 ms 0", "0.1–1 s 0", "1–5 s 1287", "5–30 s 1284", "30 s–2 min 0", "2–10 min 0", "10–60 min 0", "≥ 1 h 0"],
            histogram.Bars.Select(b => $"{b.Label} {b.Count}"));
    }
}
