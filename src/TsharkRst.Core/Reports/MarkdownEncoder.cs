using System.Text;
using HandlebarsDotNet;

namespace TsharkRst.Reports;

/// <summary>The escaping of {{value}} in Markdown templates: a string from a capture cannot end a
/// table cell ('|'), open a code span ('`'), a link, emphasis, math ('$', which GitHub renders) or raw
/// HTML, or start a new line.</summary>
public sealed class MarkdownEncoder : ITextEncoder
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

    public void Encode(StringBuilder? text, TextWriter target) => target.Write(Escape(text?.ToString() ?? ""));

    public void Encode(string? text, TextWriter target) => target.Write(Escape(text ?? ""));

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        var buffer = new StringBuilder();
        while (text is not null && text.MoveNext())
            buffer.Append(text.Current);
        target.Write(Escape(buffer.ToString()));
    }
}
