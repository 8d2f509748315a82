using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TsharkRst.Tests.Fixtures;

namespace TsharkRst.Tests.Reports;

/// <summary>summary.md read back by a Markdown parser (Markdig with GitHub's extensions): the hostile
/// capture's strings stay inside their cells, as literal text, with no link or raw HTML.</summary>
public class MarkdownTableTests
{
    private static readonly MarkdownPipeline GitHubLike = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Fact]
    public async Task The_hostile_capture_keeps_one_table_of_ten_columns_and_its_strings_as_text()
    {
        var result = await FixtureAnalyses.AnalyzeAsync("hostile-strings");
        Assert.True(result.Succeeded, result.Failure);
        var expected = FixtureAnalyses.Expected("hostile-strings")["resets"]!.AsArray();
        var sni = (string)expected.Single(r => r!["tls"] is not null)!["tls"]!["sni"]!;
        var http = expected.Single(r => r!["http"] is not null)!["http"]!;
        var request = $"GET {http["host"]}{http["uri"]}";
        var document = Markdown.Parse(await File.ReadAllTextAsync(Path.Combine(result.OutputFolder!, "summary.md")), GitHubLike);

        var table = Assert.Single(document.Descendants<Table>());
        var rows = table.OfType<TableRow>().Select(row => row.OfType<TableCell>().Select(CellText).ToList()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(10, row.Count));
        Assert.Equal(["#", "verdict", "sent by", "origin", "confidence", "client", "server", "RST frame", "idle before", "summary"], rows[0]);
        Assert.Equal(["tls-rejected", "request-rejected"], rows.Skip(1).Select(r => r[1]));
        Assert.Contains($"({sni})", rows[1][9], StringComparison.Ordinal);
        Assert.Contains($"({request})", rows[2][9], StringComparison.Ordinal);

        var paragraphs = document.Descendants<ParagraphBlock>().Select(p => Text(p.Inline)).ToList();
        Assert.Contains(paragraphs, p => p.StartsWith("request-rejected (1):", StringComparison.Ordinal) && p.Contains(request, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("tls-rejected (1):", StringComparison.Ordinal) && p.Contains(sni, StringComparison.Ordinal));

        // The only links or raw HTML are none, but for the template's own <sub> footer.
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Equal(["<sub>", "</sub>"], document.Descendants<HtmlInline>().Select(h => h.Tag));
        Assert.Empty(document.Descendants<HtmlBlock>());
    }

    [Fact]
    public void A_long_capture_keeps_the_table_ticket_sized_and_counts_the_rest()
    {
        var markdown = TsharkRst.Reports.ReportTemplates.BuiltIn.RenderMarkdown(TsharkRst.Reports.ReportView.From(ManyResets.Document(3000)));
        var document = Markdown.Parse(markdown, GitHubLike);

        var table = Assert.Single(document.Descendants<Table>());
        Assert.Equal(1 + TsharkRst.Reports.ReportView.MarkdownRows, table.OfType<TableRow>().Count());
        var paragraphs = document.Descendants<ParagraphBlock>().Select(p => Text(p.Inline)).ToList();
        Assert.Contains("…and 2975 more resets, not in this table: see report.html or findings.json.", paragraphs);
        Assert.Equal(["idle-timeout (1000):", "port-closed (1000):", "response-aborted (1000):"],
            paragraphs.Where(p => p.Contains(" (1000):", StringComparison.Ordinal)).Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)] + ":"));
        Assert.Contains(paragraphs, p => p.Contains("Servers: 198.51.100.2:443, 198.51.100.5:443, 198.51.100.8:443, 198.51.100.11:443, 198.51.100.14:443 and 35 more.", StringComparison.Ordinal));
    }

    internal static string CellText(TableCell cell) =>
        string.Join(" ", cell.Descendants<ParagraphBlock>().Select(p => Text(p.Inline)));

    private static string Text(Inline? inline) => inline switch
    {
        null => "",
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        LineBreakInline => " ",
        HtmlInline html => html.Tag,
        AutolinkInline link => link.Url,
        ContainerInline container => string.Concat(container.Select(Text)),
        _ => "",
    };
}
