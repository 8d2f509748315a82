using System.Text;

namespace TsharkRst.Reports;

/// <summary>The escaping of every value an HTML template prints, in text and in attributes quoted or not:
/// <c>&amp; &lt; &gt; " ' ` =</c> become entities, everything else is kept (UTF-8 pages need no more).</summary>
public static class HtmlEscaper
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'`=") < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#x27;"); break;
                case '`': escaped.Append("&#x60;"); break;
                case '=': escaped.Append("&#x3D;"); break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }
}
