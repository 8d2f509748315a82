using System.Text;

namespace TsharkRst.Reports;

/// <summary>The escaping of every value a Markdown template prints: a string from a capture cannot end a
/// table cell ('|'), open a code span ('`'), a link, emphasis, math ('$', which GitHub renders) or raw
/// HTML, or start a new line.</summary>
public static class MarkdownEscaper
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '$':
                    escaped.Append('\\').Append(c);
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '\r' or '\n' or '\t':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? '\uFFFD' : c);
                    break;
            }
        }
        return escaped.ToString();
    }
}
