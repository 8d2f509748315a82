using System.Text.RegularExpressions;
using System.Xml.Linq;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tests.Pairing;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Reports;

/// <summary>report.html of a paired capture: the ladder shows both captures' lanes on one clock, so a
/// RST one end received and the other end never sent is drawn on one side of the path only.</summary>
public class PairedLadderTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The paired ladder SVGs of a capture's report.html, rendered from the pair analysis.</summary>
    private static async Task<IReadOnlyList<XElement>> LaddersAsync(string name, string side)
    {
        var results = await PairFixtures.AnalyzeAsync(PairFixtures.Capture(name, "client"), PairFixtures.Capture(name, "server"));
        var result = results.Single(r => r.Input.Path == PairFixtures.Capture(name, side));
        return Ladders(ReportTemplates.BuiltIn.RenderHtml(ReportView.From(result.Document!)));
    }

    private static List<XElement> Ladders(string html) =>
        Regex.Matches(html, "<figure class=\"ladder path-ladder\" data-ladder=\"paired\">\\s*(<svg[\\s\\S]*?</svg>)")
            .Select(m => XElement.Parse(m.Groups[1].Value.Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", StringComparison.Ordinal)))
            .ToList();

    private static IEnumerable<XElement> Packets(XElement svg) =>
        svg.Elements(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("pkt ", StringComparison.Ordinal) == true);

    /// <summary>One packet row in words: frames here and there, kind, fate, start, the stretches drawn, the captures that saw it.</summary>
    private static string Row(XElement g) =>
        $"{(string?)g.Attribute("data-frame") ?? "-"} {(string?)g.Attribute("data-frame-there") ?? "-"} " +
        $"{g.Attribute("data-kind")!.Value} {g.Attribute("data-fate")!.Value} from {g.Attribute("data-from")!.Value}: " +
        string.Join(",", g.Elements(Svg + "line").Select(l => l.Attribute("data-segment")!.Value + (l.Attribute("class")?.Value == "unseen" ? "?" : ""))) +
        " · seen by " + string.Join(",", g.Elements(Svg + "circle").Select(c => c.Attribute("data-capture")!.Value + " " +
            ((XElement)c.NextNode!).Value));

    private static IEnumerable<string> Lanes(XElement svg) =>
        svg.Elements(Svg + "g").Where(g => g.Attribute("data-lane") is not null)
            .Select(g => $"{g.Attribute("data-lane")!.Value}: {g.Elements(Svg + "text").Last().Value}");

    [Fact]
    public async Task The_client_sides_RST_is_drawn_from_the_path_and_nothing_leaves_the_server()
    {
        var svg = Assert.Single(await LaddersAsync("injected-rst", "client"));

        Assert.Equal(["client: 192.0.2.10:47688", "client-side: inject…client.pcapng", "server-side: inject…server.pcapng", "server: 198.51.100.10:8000"],
            Lanes(svg));
        Assert.Equal(
        [
            "1 1 control crossed from client: client-side,path,server-side · seen by client-side #1,server-side #1",
            "2 2 control crossed from server: server-side,path,client-side · seen by client-side #2,server-side #2",
            "3 3 control crossed from client: client-side,path,server-side · seen by client-side #3,server-side #3",
            "4 4 data crossed from client: client-side,path,server-side · seen by client-side #4,server-side #4",
            "5 5 control crossed from server: server-side,path,client-side · seen by client-side #5,server-side #5",
            "6 - rst made-on-path from path: path,client-side · seen by client-side #6",
            // The RST the injector sent the other way, in the client's name: only the server-side capture has it.
            "- 6 rst made-on-path from path: path,server-side · seen by server-side #6",
        ], Packets(svg).Select(Row));
        var rst = Packets(svg).Single(g => g.Attribute("data-first-rst") is not null);
        Assert.Equal("6", rst.Attribute("data-frame")!.Value);
        Assert.Equal("client-side frame 6 (this capture), not in the server-side capture, +1.176 ms on this capture's clock, server → client: " +
                     "reached the client-side capture in the server's name, not in the server-side capture: a device on the path made it, RST/ACK, 0 bytes",
            rst.Element(Svg + "title")!.Value);
        Assert.Equal("RST/ACK · made on the path", rst.Elements(Svg + "text").Single(t => t.Attribute("class")!.Value == "flags").Value);
        Assert.DoesNotContain(Packets(svg), g => g.Attribute("data-kind")!.Value == "rst" && g.Attribute("data-from")!.Value == "server");
        Assert.Equal("Ladder diagram of 192.0.2.10:47688 and 198.51.100.10:8000 as both captures saw it: the client-side capture " +
                     "(injected-rst.client.pcapng, this one) and the server-side capture (injected-rst.server.pcapng), on this capture's clock " +
                     "(the two clocks agree to the microsecond). The first RST, frame 6 here, is not in the server-side capture: it never left " +
                     "the server; a device between the two capture points made it.", svg.Attribute("aria-label")!.Value);
    }

    [Fact]
    public async Task The_server_sides_report_draws_the_same_packets_with_its_own_frames_here()
    {
        var svg = Assert.Single(await LaddersAsync("injected-rst", "server"));

        Assert.Equal(
        [
            "1 1 control crossed from client: client-side,path,server-side · seen by server-side #1,client-side #1",
            "2 2 control crossed from server: server-side,path,client-side · seen by server-side #2,client-side #2",
            "3 3 control crossed from client: client-side,path,server-side · seen by server-side #3,client-side #3",
            "4 4 data crossed from client: client-side,path,server-side · seen by server-side #4,client-side #4",
            "5 5 control crossed from server: server-side,path,client-side · seen by server-side #5,client-side #5",
            "- 6 rst made-on-path from path: path,client-side · seen by client-side #6",
            "6 - rst made-on-path from path: path,server-side · seen by server-side #6",
        ], Packets(svg).Select(Row));
        Assert.DoesNotContain(Packets(svg), g => g.Attribute("data-kind")!.Value == "rst" && g.Attribute("data-from")!.Value == "client");
    }

    [Fact]
    public async Task Behind_a_conntrack_idle_timeout_the_request_is_lost_on_the_path_and_the_RST_made_there()
    {
        var svg = Assert.Single(await LaddersAsync("idle-timeout", "client"));

        var rows = Packets(svg).Select(Row).ToList();
        Assert.Equal(
        [
            "8 - data dropped from client: client-side,path · seen by client-side #8",
            "9 - rst made-on-path from path: path,client-side · seen by client-side #9",
        ], rows[^2..]);
        Assert.All(rows[..^2], r => Assert.Contains(" crossed from ", r));
        var gap = Assert.Single(svg.Elements(Svg + "g"), g => g.Attribute("data-break") is not null);
        Assert.Equal("9 s of silence", gap.Element(Svg + "text")!.Value);
        var lost = Packets(svg).Single(g => g.Attribute("data-fate")!.Value == "dropped");
        Assert.Equal("M455,377 l10,10 M465,377 l-10,10", lost.Element(Svg + "path")!.Attribute("d")!.Value);
    }

    [Fact]
    public async Task The_server_sides_report_shows_the_RST_only_the_client_received_at_a_time_from_the_other_clock()
    {
        var svg = Assert.Single(await LaddersAsync("rst-races-data", "server"));

        var forged = Assert.Single(Packets(svg), g => g.Attribute("data-frame") is null);
        Assert.Equal("- 6 rst made-on-path from path: path,client-side · seen by client-side #6", Row(forged));
        Assert.Equal("≈+1.006 ms", forged.Elements(Svg + "text").First().Value);
        var first = Packets(svg).Single(g => g.Attribute("data-first-rst") is not null);
        Assert.Equal("11 8 rst crossed from client: client-side,path,server-side · seen by server-side #11,client-side #8", Row(first));
    }

    [Fact]
    public async Task Capture_names_with_markup_stay_text_in_the_paired_ladder()
    {
        const string name = "a\"><svg onload=alert(1)>'`.pcapng";
        using var temporary = new TemporaryFolder("tsharkrst-paired-names-");
        var folder = temporary.FullName;
        var client = Path.Combine(folder, name);
        var server = Path.Combine(folder, "server.pcapng");
        File.Copy(PairFixtures.Capture("injected-rst", "client"), client);
        File.Copy(PairFixtures.Capture("injected-rst", "server"), server);
        var analyzer = new CaptureAnalyzer(new AnalysisSettings { Formats = OutputFormats.Html }, await TsharkProgram.Default.GetVersionAsync());

        var (paired, _) = PairsFile.Paired(new CaptureInput(client, "client"), new CaptureInput(server, "server"));
        var results = await analyzer.AnalyzeAsync(paired, Path.Combine(folder, "out"), CancellationToken.None);

        foreach (var (report, lane, suffix) in new[] { ("client", "client-side", " (this report's)"), ("server", "client-side", "") })
        {
            Assert.All(results, r => Assert.True(r.Succeeded, r.Failure));
            var html = File.ReadAllText(Path.Combine(folder, "out", report, "report.html"));
            Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
            var svg = Assert.Single(Ladders(html));
            var tap = svg.Elements(Svg + "g").Single(g => g.Attribute("data-lane")?.Value == lane);
            Assert.Equal($"the client-side capture, {name}{suffix}: client 192.0.2.10:47688, server 198.51.100.10:8000", tap.Element(Svg + "title")!.Value);
            Assert.Equal("a\"><sv…(1)>'`.pcapng", tap.Elements(Svg + "text").Last().Value);
        }
    }
}
