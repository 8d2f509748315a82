namespace TsharkRst.Reports;

/// <summary>HTML made on the C# side of this library (its every piece from a capture escaped with
/// <see cref="HtmlEscaper"/>), which an HTML template prints as is. Nothing a template computes is
/// one, so everything else it prints is escaped.</summary>
public sealed class TrustedHtml
{
    internal TrustedHtml(string html) => Html = html;

    public string Html { get; }

    public override string ToString() => Html;
}
