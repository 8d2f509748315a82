using System.Text.Json.Nodes;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tests.Pairing;
using TsharkRst.Tests.Reports;
using Xunit.Abstractions;

namespace TsharkRst.Tests.Browser;

/// <summary>report.html as a browser sees it: every lab capture's report opens in headless
/// Chromium with no console error, no CSP violation and no network request; strings from a
/// hostile capture stay text; a screenshot is written beside the test binaries.</summary>
public class ReportInBrowserTests(ChromiumSession chromium, ITestOutputHelper output) : IClassFixture<ChromiumSession>
{
    /// <summary>The User-Agent the hostile-strings scenario sends (findings.json has no field for it).</summary>
    private const string HostileUserAgent = "<script>alert(4)</script> | `agent` \"><img src=x onerror=alert(5)>";

    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_lab_report_loads_with_no_console_error_and_no_network_request(string scenario)
    {
        await using var page = await chromium.OpenAsync(await ReportAsync(scenario));
        AssertQuiet(page);

        var expected = FixtureAnalyses.Expected(scenario)["resets"]!.AsArray();
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextAsync("document.querySelector('[data-resets]').textContent"));
        var sections = Strings(await page.EvaluateAsync(
            "[...document.querySelectorAll('[data-section]')].map(s => s.dataset.section + ' ' + s.dataset.count)"));
        Assert.Equal(
            expected.GroupBy(r => (string)r!["verdict"]!).Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal),
            sections.Order(StringComparer.Ordinal));

        // Each card's ladder draws its first RST once, as a RST, from the lane of whoever sent it.
        var ladders = Strings(await page.EvaluateAsync("""
            [...document.querySelectorAll('article.card')].map(card => {
              const arrows = card.querySelectorAll('[data-ladder] [data-frame="' + card.dataset.rstFrame + '"]');
              return [card.dataset.origin, card.dataset.sentBy, arrows.length,
                      arrows.length ? arrows[0].dataset.kind + ' from ' + arrows[0].dataset.from : '-'].join(' ');
            })
            """));
        if (expected.Count > 0)
            Assert.NotEmpty(ladders);
        foreach (var ladder in ladders)
        {
            var parts = ladder.Split(' ');
            var from = parts[0] == "middlebox" ? "middlebox" : parts[1];
            Assert.Equal($"{parts[0]} {parts[1]} 1 rst from {from}", ladder);
        }
    }

    [ChromiumFact]
    public async Task Script_and_markup_in_SNI_Host_URI_and_User_Agent_render_as_text_and_run_nothing()
    {
        var expected = FixtureAnalyses.Expected("hostile-strings")["resets"]!.AsArray();
        var sni = (string)expected.Single(r => r!["tls"] is not null)!["tls"]!["sni"]!;
        var http = expected.Single(r => r!["http"] is not null)!["http"]!;
        await using var page = await chromium.OpenAsync(await ReportAsync("hostile-strings"));

        AssertQuiet(page);
        Assert.Equal(1, (int)(await page.EvaluateAsync("document.scripts.length"))!);
        Assert.Equal(0, (int)(await page.EvaluateAsync(
            "document.querySelectorAll('img, iframe, object, embed, svg script, [onerror], [onload], [onclick]').length"))!);
        Assert.Equal(sni, await page.TextAsync("document.querySelector('[data-sni]').textContent"));
        Assert.Equal((string)http["host"]!, await page.TextAsync("document.querySelector('[data-http-host]').textContent"));
        Assert.Equal((string)http["uri"]!, await page.TextAsync("document.querySelector('[data-http-uri]').textContent"));
        var titles = Strings(await page.EvaluateAsync("[...document.querySelectorAll('[data-ladder] title')].map(t => t.textContent)"));
        Assert.Contains(titles, t => t.Contains($"Host: {http["host"]} · User-Agent: {HostileUserAgent}", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains($"ClientHello {sni}", StringComparison.Ordinal));

        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "hostile-strings-light.png"));
    }

    [ChromiumFact]
    public async Task The_copy_button_works_under_a_policy_that_allows_only_the_reports_own_script()
    {
        await using var page = await chromium.OpenAsync(await ReportAsync("closed-port"));

        Assert.Matches(@"script-src 'sha256-[A-Za-z0-9+/]+=*';", await page.TextAsync(
            "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"));
        // The click's handler changes the button's label once the clipboard has answered.
        var label = await page.TextAsync("""
            new Promise(done => {
              const button = document.querySelector('[data-copy]');
              new MutationObserver(() => done(button.textContent)).observe(button, { childList: true });
              button.click();
            })
            """, userGesture: true);
        Assert.Contains(label, new[] { "Copied", "Selected: press Ctrl+C" });
        AssertQuiet(page);
    }

    [ChromiumFact]
    public async Task A_report_is_photographed_in_light_and_dark()
    {
        var report = await ReportAsync("idle-timeout-conntrack");
        foreach (var (scheme, background) in new[] { ("light", "rgb(255, 255, 255)"), ("dark", "rgb(17, 20, 24)") })
        {
            await using var page = await chromium.OpenAsync(report, scheme);
            AssertQuiet(page);
            Assert.Equal(background, await page.TextAsync("getComputedStyle(document.body).backgroundColor"));
            var path = Path.Combine(ScreenshotFolder, $"idle-timeout-conntrack-{scheme}.png");
            await page.ScreenshotAsync(path);
            var png = await File.ReadAllBytesAsync(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            output.WriteLine($"screenshot: {path} ({png.Length} bytes)");
        }
    }

    [ChromiumFact]
    public async Task Thousands_of_resets_make_a_report_that_opens_quietly_with_the_rest_counted()
    {
        using var folder = new TemporaryFolder("tsharkrst-many-");
        var report = Path.Combine(folder.FullName, "report.html");
        await File.WriteAllTextAsync(report, ReportTemplates.BuiltIn.RenderHtml(ReportView.From(ManyResets.Document(3000))));
        await using var page = await chromium.OpenAsync(report);

        AssertQuiet(page);
        Assert.Equal(120, (int)(await page.EvaluateAsync("document.querySelectorAll('article.card').length"))!);
        Assert.Equal("2880", await page.TextAsync("document.querySelector('[data-cards-not-shown]').dataset.cardsNotShown"));
        Assert.Equal(3, (int)(await page.EvaluateAsync("document.querySelectorAll('[data-other-servers]').length"))!);
        Assert.StartsWith("reset-rate 198.51.100.1:443 <b>reset</b> every connection (40 connections)",
            await page.TextAsync("document.querySelector('[data-pattern=\"reset-rate\"]').textContent"));
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "many-resets-light.png"));
    }

    [ChromiumFact]
    public async Task Printed_the_collapsed_sections_and_the_glossary_show_and_the_copy_buttons_do_not()
    {
        using var folder = new TemporaryFolder("tsharkrst-print-");
        var report = Path.Combine(folder.FullName, "report.html");
        await File.WriteAllTextAsync(report, ReportTemplates.BuiltIn.RenderHtml(ReportView.From(ManyResets.Document(300))));
        await using var page = await chromium.OpenAsync(report, media: "print");

        AssertQuiet(page);
        Assert.Equal("false", await page.TextAsync("String(document.querySelector('[data-section=\"response-aborted\"]').open)"));
        var visible = Strings(await page.EvaluateAsync("""
            ['[data-section="response-aborted"] article', '#glossary table', '[data-copy]']
              .map(selector => selector + ' ' + document.querySelector(selector).checkVisibility())
            """));
        Assert.Equal(["[data-section=\"response-aborted\"] article true", "#glossary table true", "[data-copy] false"], visible);
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "many-resets-print.png"));
    }

    [ChromiumFact]
    public async Task A_paired_report_draws_the_client_sides_RST_from_the_path_and_none_leaving_the_server()
    {
        var results = await PairFixtures.AnalyzeAsync(PairFixtures.Capture("injected-rst", "client"), PairFixtures.Capture("injected-rst", "server"));
        using var folder = new TemporaryFolder("tsharkrst-paired-");
        var report = Path.Combine(folder.FullName, "report.html");
        await File.WriteAllTextAsync(report, ReportTemplates.BuiltIn.RenderHtml(ReportView.From(results[0].Document!)));
        await using var page = await chromium.OpenAsync(report);

        AssertQuiet(page);
        var rsts = Strings(await page.EvaluateAsync("""
            [...document.querySelectorAll('[data-ladder="paired"] [data-kind="rst"]')].map(g =>
              [g.dataset.frame || '-', g.dataset.frameThere || '-', g.dataset.fate,
               [...g.querySelectorAll('[data-segment]')].map(l => l.dataset.segment).join(',')].join(' '))
            """));
        Assert.Equal(["6 - made-on-path path,client-side", "- 6 made-on-path path,server-side"], rsts);
        // Drawn, not just present: the first RST's arrow has a size on screen.
        Assert.Equal("true", await page.TextAsync(
            "String(document.querySelector('[data-first-rst] [data-segment=\"client-side\"]').getBoundingClientRect().width > 50)"));
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "paired-injected-rst-light.png"));
    }

    private static void AssertQuiet(BrowserPage page)
    {
        Assert.True(page.Problems.Count == 0, "console errors, CSP violations or exceptions:\n" + string.Join("\n", page.Problems));
        Assert.True(page.Requests.Count == 0, "network requests:\n" + string.Join("\n", page.Requests));
        Assert.True(page.Dialogs.Count == 0, "dialogs opened by a script:\n" + string.Join("\n", page.Dialogs));
    }

    private static async Task<string> ReportAsync(string scenario)
    {
        var result = await FixtureAnalyses.AnalyzeAsync(scenario);
        Assert.True(result.Succeeded, result.Failure);
        return Path.Combine(result.OutputFolder!, "report.html");
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.ToString()).ToList();
}
