namespace TsharkRst.Reports;

/// <summary>Renders an HTML template: every value is HTML-escaped (in SVG text and attributes too),
/// except <see cref="TrustedHtml"/>.</summary>
public sealed class HtmlTemplateContext(TemplateFolder? folder, CancellationToken cancellationToken)
    : ReportTemplateContext(folder, cancellationToken)
{
    protected override string Escape(string text) => HtmlEscaper.Escape(text);

    protected override bool IsTrusted(object value) => value is TrustedHtml;
}
