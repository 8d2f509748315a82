using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TsharkRst.Reports;

/// <summary>Narrows a rendered report's Content-Security-Policy from <c>script-src 'unsafe-inline'</c>
/// to the hashes of the template's own inline scripts: should a capture's string ever slip through
/// unescaped, an injected script or event handler is refused by the browser, not run.</summary>
public static partial class InlineScriptPolicy
{
    private const string Unsafe = "script-src 'unsafe-inline'";

    /// <summary>The report with each CSP meta element's <c>script-src 'unsafe-inline'</c> replaced by
    /// <c>script-src 'sha256-…'</c> for every inline script; unchanged when the template has no such policy.</summary>
    public static string Apply(string html)
    {
        if (!html.Contains(Unsafe, StringComparison.Ordinal))
            return html;
        var hashes = Scripts().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value.Replace("\r\n", "\n", StringComparison.Ordinal))))}'")
            .Distinct()
            .ToList();
        var sources = hashes.Count > 0 ? "script-src " + string.Join(" ", hashes) : "script-src 'none'";
        return CspMeta().Replace(html, meta => meta.Value.Replace(Unsafe, sources, StringComparison.Ordinal));
    }

    // Capture strings are HTML-encoded, so every literal <script> in the output is the template's own.
    [GeneratedRegex("<script>([\\s\\S]*?)</script>")]
    private static partial Regex Scripts();

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex CspMeta();
}
