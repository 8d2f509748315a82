namespace TsharkRst.Reports;

/// <summary>Renders a Markdown template: every value is Markdown-escaped (<see cref="MarkdownEscaper"/>),
/// so it cannot end a table cell, open a code span, a link or emphasis, or carry HTML. Nothing is trusted.</summary>
public sealed class MarkdownTemplateContext(TemplateFolder? folder, CancellationToken cancellationToken)
    : ReportTemplateContext(folder, cancellationToken)
{
    protected override string Escape(string text) => MarkdownEscaper.Escape(text);
}
