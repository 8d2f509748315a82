using System.Net;
using System.Text.RegularExpressions;
using TsharkRst.Findings;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reports;

/// <summary>Strings from a capture are data: they render as text in HTML and cannot break Markdown.</summary>
public class ReportSafetyTests
{
    private const string HostileSni = "<script>alert('sni')</script>";
    private const string HostileHost = "\"><img src=x onerror=alert(1)>";
    private const string HostileUri = "/a|b`c`|d*e*[x](javascript:alert(1))\\";

    internal static FindingsDocument HostileDocument()
    {
        var finding = Talk.Handshake()
            .Client(Psh | Ack, 300, change: r => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1], TlsServerName = HostileSni })
            .Client(Psh | Ack, 100, change: r => r with { HttpMethod = "GET", HttpHost = HostileHost, HttpUri = HostileUri })
            .Server(Rst | Ack)
            .Diagnose();
        var capture = new CaptureInfo("/caps/<b>x</b>.pcap", "<b>x</b>.pcap", "00", 6, finding.RstTime, finding.RstTime, "TShark 4.0");
        return new FindingsDocument(capture, [finding], [], ["frame 9: <i>bad</i> | row"]);
    }

    [Fact]
    public void Hostile_SNI_Host_and_URI_render_as_text_in_the_HTML_report()
    {
        var html = ReportTemplates.BuiltIn.RenderHtml(ReportView.From(HostileDocument()));
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.DoesNotContain("<i>bad</i>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;sni&#39;)&lt;/script&gt;", html.Replace("&#x27;", "&#39;"));
        // The only script element is the report's own copy button.
        Assert.Single(Regex.Matches(html, "<script"));
    }

    [Fact]
    public void The_HTML_report_allows_only_its_own_inline_script()
    {
        var html = ReportTemplates.BuiltIn.RenderHtml(ReportView.From(HostileDocument()));
        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
        var script = Regex.Match(html, @"<script>([\s\S]*?)</script>").Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Equal($"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; img-src data:", csp);
    }

    [Fact]
    public void Hostile_strings_cannot_break_the_Markdown_table()
    {
        var markdown = ReportTemplates.BuiltIn.RenderMarkdown(ReportView.From(HostileDocument()));
        var row = markdown.Split('\n').Single(line => line.StartsWith("| 1 |", StringComparison.Ordinal));
        var cellSeparators = Regex.Matches(row, @"(?<!\\)\|").Count;
        Assert.Equal(11, cellSeparators);
        Assert.DoesNotContain("<img", markdown);
        Assert.DoesNotContain("](javascript", markdown);
    }

    [Fact]
    public void An_unknown_placeholder_in_a_custom_template_fails_loudly()
    {
        using var temporary = new TemporaryFolder("tsharkrst-templates-");
        var folder = temporary.FullName;
        File.WriteAllText(Path.Combine(folder, ReportTemplates.Markdown), "{{ Capture.Name }} {{ NoSuchField }}");
        var templates = ReportTemplates.FromFolder(folder);
        var ex = Assert.Throws<TsharkRstException>(() => templates.RenderMarkdown(ReportView.From(HostileDocument())));
        Assert.Equal($"Template summary.md.sbn failed: {Path.Combine(folder, "summary.md.sbn")}(1,23) : error : The variable or function `NoSuchField` was not found", ex.Message);
    }

    [Fact]
    public void A_misspelt_member_in_a_custom_template_fails_loudly()
    {
        using var temporary = new TemporaryFolder("tsharkrst-templates-");
        var folder = temporary.FullName;
        File.WriteAllText(Path.Combine(folder, ReportTemplates.Html), "{{ Capture.Nmae }}");
        var ex = Assert.Throws<TsharkRstException>(() => ReportTemplates.FromFolder(folder).RenderHtml(ReportView.From(HostileDocument())));
        Assert.Equal($"Template report.html.sbn failed: {Path.Combine(folder, "report.html.sbn")}(1,12) : error : Cannot get member with name Nmae.", ex.Message);
    }

    [Fact]
    public void Findings_json_keeps_the_spec_names_and_the_hostile_strings_verbatim()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(FindingsJson.Serialize(HostileDocument()))!;
        Assert.Equal("tsharkrst/findings/v1", (string)json["schema"]!);
        var reset = json["resets"]![0]!;
        Assert.Equal("tls-rejected", (string)reset["verdict"]!);
        Assert.Equal("tls-handshake", (string)reset["phase"]!);
        Assert.Equal("server", (string)reset["sentBy"]!);
        Assert.Equal(HostileSni, (string)reset["tls"]!["sni"]!);
        Assert.Equal(HostileUri, (string)reset["http"]!["uri"]!);
        Assert.Equal(IPAddress.Parse("192.0.2.10").ToString(), (string)reset["client"]!["ip"]!);
        Assert.Equal(40000, (int)reset["client"]!["port"]!);
    }
}
