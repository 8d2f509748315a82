using Scriban.Runtime;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

/// <summary>A user's template (--templates DIR) cannot print a capture's string as markup, even when it
/// forgets to escape, cannot read files outside its folder, cannot run text as a template, and cannot run
/// for ever; its mistakes are told with file, line and column.</summary>
public sealed class TemplateSafetyTests : IDisposable
{
    private static readonly ReportView Hostile = ReportView.From(ReportSafetyTests.HostileDocument());

    private readonly TemporaryFolder _folders = new("tsharkrst-templates-");

    // The hostile request's Host: "><img src=x onerror=alert(1)>
    private const string EscapedHost = "&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;";

    public void Dispose() => _folders.Dispose();

    private string Folder(params (string Name, string Text)[] files)
    {
        var folder = _folders.NewFolder();
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            File.WriteAllText(Path.Combine(folder, name), text);
        }
        return folder;
    }

    private string Html(string template, params (string Name, string Text)[] partials) =>
        ReportTemplates.FromFolder(Folder([(ReportTemplates.Html, template), .. partials])).RenderHtml(Hostile);

    private string Markdown(string template) =>
        ReportTemplates.FromFolder(Folder((ReportTemplates.Markdown, template))).RenderMarkdown(Hostile);

    [Fact]
    public void A_value_printed_with_no_filter_is_escaped_in_HTML_text_and_in_an_unquoted_attribute()
    {
        var html = Html("<p title={{ Findings[0].Http.Host }}>{{ Findings[0].Http.Host }}</p>");
        Assert.Equal($"<p title={EscapedHost}>{EscapedHost}</p>", html);
    }

    [Fact]
    public void A_value_printed_with_no_filter_cannot_break_a_Markdown_table()
    {
        var markdown = Markdown("| {{ Findings[0].Http.Uri }} | {{ Findings[0].Http.Host }} |");
        Assert.Equal(@"| /a\|b\`c\`\|d\*e\*\[x\](javascript:alert(1))\\ | ""&gt;&lt;img src=x onerror=alert(1)&gt; |", markdown);
    }

    [Fact]
    public void Html_escape_escapes_once()
    {
        Assert.Equal(EscapedHost + "|" + EscapedHost, Html("{{ Findings[0].Http.Host | html.escape }}|{{ html.escape(html.escape(Findings[0].Http.Host)) }}"));
    }

    [Fact]
    public void A_capture_keeps_the_templates_markup_and_its_values_escaped_once()
    {
        var html = Html("{{ capture cell }}<td>{{ Findings[0].Http.Host }}</td>{{ end }}<tr>{{ cell }}</tr>");
        Assert.Equal($"<tr><td>{EscapedHost}</td></tr>", html);
    }

    [Fact]
    public void A_captured_block_changed_by_a_function_is_text_again_and_escaped()
    {
        Assert.Equal("&lt;B&gt;X&lt;/B&gt;", Html("{{ capture bold }}<b>x</b>{{ end }}{{ bold | string.upcase }}"));
    }

    [Fact]
    public void An_included_file_keeps_its_markup_and_its_values_escaped_once()
    {
        var html = Html("<div>{{ include 'parts/host.sbn' }}</div>", ("parts/host.sbn", "<code>{{ Findings[0].Http.Host }}</code>"));
        Assert.Equal($"<div><code>{EscapedHost}</code></div>", html);
    }

    [Fact]
    public void Include_reads_nothing_outside_the_templates_folder()
    {
        var outside = Path.Combine(_folders.NewFolder(), "secret.sbn");
        File.WriteAllText(outside, "secret");
        var folder = Folder((ReportTemplates.Html, "{{ include 'link.sbn' }}"));
        File.CreateSymbolicLink(Path.Combine(folder, "link.sbn"), outside);
        var real = TemplateFolder.RealPath(folder);

        var ex = Assert.Throws<TsharkRstException>(() => ReportTemplates.FromFolder(folder).RenderHtml(Hostile));
        Assert.Contains($"include 'link.sbn' leads to {outside}, outside the templates folder {real}", ex.Message);
        ex = Assert.Throws<TsharkRstException>(() => Html($"{{{{ include '../{Path.GetFileName(Path.GetDirectoryName(outside))}/secret.sbn' }}}}"));
        Assert.Contains($"leads to {outside}, outside the templates folder", ex.Message);
        ex = Assert.Throws<TsharkRstException>(() => Html($"{{{{ include '{outside}' }}}}"));
        Assert.Contains($"leads to {outside}, outside the templates folder", ex.Message);
    }

    [Fact]
    public void A_link_that_stays_inside_the_templates_folder_may_be_included()
    {
        var folder = Folder((ReportTemplates.Html, "{{ include 'alias.sbn' }}"), ("parts/real.sbn", "<i>{{ Capture.Packets }}</i>"));
        File.CreateSymbolicLink(Path.Combine(folder, "alias.sbn"), Path.Combine("parts", "real.sbn"));
        Assert.Equal("<i>6</i>", ReportTemplates.FromFolder(folder).RenderHtml(Hostile));
    }

    [Theory]
    [InlineData("{{ object.eval '1 + 1' }}", "(1,11) : error : Cannot get member with name eval.")]
    [InlineData("{{ '{{ 1 + 1 }}' | object.eval_template }}", "(1,27) : error : Cannot get member with name eval_template.")]
    [InlineData("{{ include_join ['a.sbn', 'b.sbn'] '<br>' }}", "(1,4) : error : The variable or function `include_join` was not found")]
    public void Text_cannot_be_run_as_a_template(string template, string error)
    {
        var ex = Assert.Throws<TsharkRstException>(() => Html(template));
        Assert.EndsWith("report.html.sbn" + error, ex.Message);
    }

    [Fact]
    public void Only_trusted_HTML_made_in_CSharp_passes_unescaped_and_only_into_HTML()
    {
        var page = new ScriptObject { ["svg"] = new TrustedHtml("<svg/>"), ["text"] = "<svg/>" };
        Assert.Equal("<svg/>&lt;svg/&gt;", Render(new HtmlTemplateContext(null, CancellationToken.None), page, "{{ svg }}{{ text }}"));
        Assert.Equal("&lt;svg/&gt;&lt;svg/&gt;", Render(new MarkdownTemplateContext(null, CancellationToken.None), page, "{{ svg }}{{ text }}"));
    }

    [Fact]
    public void Markdown_output_is_not_indented_after_the_first_line()
    {
        Assert.Equal("  a\nb", Markdown("{{ capture lines }}a\nb{{ end }}  {{ lines }}"));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_named_with_line_and_column_before_any_capture_is_read()
    {
        var folder = Folder((ReportTemplates.Markdown, "ok\n{{ for x in Findings }}\n{{ x.Number }"));
        var ex = Assert.Throws<TsharkRstException>(() => ReportTemplates.FromFolder(folder));
        Assert.StartsWith($"Template {Path.Combine(TemplateFolder.RealPath(folder), "summary.md.sbn")} does not parse: line 3, column ", ex.Message);
    }

    [Fact]
    public void A_file_the_templates_may_include_is_parsed_before_any_capture_is_read()
    {
        var folder = Folder(("parts/broken.sbn", "{{ if }}"));
        var ex = Assert.Throws<TsharkRstException>(() => ReportTemplates.FromFolder(folder));
        Assert.StartsWith($"Template {Path.Combine(TemplateFolder.RealPath(folder), "parts", "broken.sbn")} does not parse: line 1, column ", ex.Message);
    }

    // Each turn does some work, so the loop budget (10 million turns) outlasts a timer that fires late on a busy machine.
    private const string EndlessLoop = "{{ while true }}{{ x = \"abcdefghij\" | string.replace \"a\" \"b\" | string.upcase }}{{ end }}";

    [Fact]
    public async Task A_renders_time_limit_counts_from_when_the_captures_hash_is_known()
    {
        // The hash first, then a loop that checks the limit: the wait for the hash is not the template's time.
        var templates = ReportTemplates.FromFolder(Folder((ReportTemplates.Markdown, "{{ Capture.Sha256 }}{{ for i in 1..3 }} {{ i }}{{ end }}")));
        templates.RenderTimeout = TimeSpan.FromMilliseconds(300);
        var hashing = Task.Delay(1000).ContinueWith(_ => (string?)"9f86d081");
        var view = ReportView.From(ReportSafetyTests.HostileDocument(), hashing);
        Assert.Equal("9f86d081 1 2 3", await Task.Run(() => templates.RenderMarkdown(view)));
    }

    [Fact]
    public void A_render_that_never_ends_is_stopped_with_a_clear_error()
    {
        var templates = ReportTemplates.FromFolder(Folder((ReportTemplates.Markdown, EndlessLoop)));
        templates.RenderTimeout = TimeSpan.FromMilliseconds(50);
        var ex = Assert.Throws<TsharkRstException>(() => templates.RenderMarkdown(Hostile));
        Assert.Equal("Template summary.md.sbn was stopped after 0.05 s of rendering: does a loop never end?", ex.Message);
    }

    [Fact]
    public void A_cancelled_run_stops_a_render()
    {
        var templates = ReportTemplates.FromFolder(Folder((ReportTemplates.Markdown, EndlessLoop)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.Throws<OperationCanceledException>(() => templates.RenderMarkdown(Hostile, cancel.Token));
    }

    [Fact]
    public void An_index_of_thousands_of_captures_renders_every_line()
    {
        // Scriban's default budget, 1,000 loop steps, would stop at the thousandth capture,
        // and its default output limit would cut index.html short at 1 Mi characters.
        var lines = Enumerable.Range(1, 8000)
            .Select(i => new IndexView.CaptureLine($"c{i}.pcap", $"/caps/c{i}.pcap", $"c{i}.pcap/report.html", "analysed", false, "", "10", 1, "port-closed 1", 0))
            .ToList();
        var view = new IndexView("tsharkrst test", 8000, 8000, 0, 8000, [new IndexView.Count("port-closed", 8000)], lines, [], [], []);
        var markdown = ReportTemplates.BuiltIn.RenderIndexMarkdown(view);
        var html = ReportTemplates.BuiltIn.RenderIndexHtml(view);
        Assert.Equal(8000, markdown.Split('\n').Count(line => line.StartsWith("| [c", StringComparison.Ordinal)));
        Assert.Equal(8000, html.Split('\n').Count(line => line.StartsWith("<tr data-capture=", StringComparison.Ordinal)));
        Assert.Contains("| [c8000.pcap](c8000.pcap/report.html) | analysed | 10 | 1 | port-closed 1 |", markdown);
        Assert.InRange(html.Length, 1024 * 1024 + 1, int.MaxValue);
        Assert.EndsWith("</footer>\n</body>\n</html>\n", html);
    }

    [Fact]
    public void The_limits_are_set_on_purpose()
    {
        var context = new HtmlTemplateContext(null, CancellationToken.None);
        Assert.Equal<(int, int?, Scriban.ScriptLimitBehavior, bool, bool, bool, bool)>((10_000_000, 128 * 1024 * 1024, Scriban.ScriptLimitBehavior.Throw, true, false, false, false),
            (context.LoopLimit, context.OutputLimit, context.OnOutputLimit, context.StrictVariables, context.EnableRelaxedMemberAccess, context.EnableRelaxedIndexerAccess, context.AutoIndent));
    }

    private static string Render(ReportTemplateContext context, ScriptObject model, string template)
    {
        context.PushGlobal(model);
        return TemplateText.Parse(template, "test.sbn").Render(context);
    }
}
