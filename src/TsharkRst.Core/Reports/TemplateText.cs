using Scriban;
using Scriban.Parsing;

namespace TsharkRst.Reports;

/// <summary>Parses a Scriban template once; a template that does not parse is an error naming its
/// file, and the line and column of each mistake.</summary>
public static class TemplateText
{
    public static Template Parse(string text, string file)
    {
        var template = Template.Parse(text, file);
        if (!template.HasErrors)
            return template;
        var errors = template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => $"line {m.Span.Start.Line + 1}, column {m.Span.Start.Column + 1}: {m.Message}");
        throw new TsharkRstException($"Template {file} does not parse: {string.Join("; ", errors)}");
    }
}
