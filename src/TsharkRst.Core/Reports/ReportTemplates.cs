using HandlebarsDotNet;

namespace TsharkRst.Reports;

/// <summary>The Handlebars templates of the Markdown and HTML reports: the built-in ones shipped
/// inside the tool, or a folder's (--templates DIR) file by file. Templates only loop and branch;
/// an unknown placeholder is an error, not an empty string.</summary>
public sealed class ReportTemplates
{
    public const string Markdown = "summary.md.hbs";
    public const string Html = "report.html.hbs";
    public const string IndexMarkdown = "index.md.hbs";
    public const string IndexHtml = "index.html.hbs";

    /// <summary>templates/README.md: the model the templates receive, exported beside them.</summary>
    public const string Guide = "README.md";

    public static IReadOnlyList<string> Names { get; } = [Markdown, Html, IndexMarkdown, IndexHtml];

    /// <summary>What <c>tsharkrst templates export</c> writes: the templates and their guide.</summary>
    public static IReadOnlyList<string> Exported { get; } = [Markdown, Html, Guide];

    // Compiling takes a third of a second: it runs in the background while the first capture is read.
    private readonly Task<HandlebarsTemplate<object, object>> _markdown;
    private readonly Task<HandlebarsTemplate<object, object>> _html;
    private readonly Task<HandlebarsTemplate<object, object>> _indexMarkdown;
    private readonly Task<HandlebarsTemplate<object, object>> _indexHtml;

    private ReportTemplates(Func<string, string> read)
    {
        _markdown = Task.Run(() => Compile(read, Markdown, new MarkdownEncoder()));
        _html = Task.Run(() => Compile(read, Html, new HtmlEncoder()));
        _indexMarkdown = Task.Run(() => Compile(read, IndexMarkdown, new MarkdownEncoder()));
        _indexHtml = Task.Run(() => Compile(read, IndexHtml, new HtmlEncoder()));
        Fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\0", Names.Select(read)))));
    }

    /// <summary>Identifies the template texts, so outputs made with other templates are redone.</summary>
    public string Fingerprint { get; }

    public static ReportTemplates BuiltIn { get; } = new(ReadBuiltIn);

    /// <summary>Templates from <paramref name="folder"/>; a template missing there is taken from the built-in set.</summary>
    public static ReportTemplates FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new TsharkRstException($"The templates folder '{folder}' does not exist. Create it with 'tsharkrst templates export {folder}'.");
        var templates = new ReportTemplates(name =>
        {
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? File.ReadAllText(path) : ReadBuiltIn(name);
        });
        // A user's template that does not compile is told before any capture is read.
        foreach (var template in new[] { templates._markdown, templates._html, templates._indexMarkdown, templates._indexHtml })
            template.GetAwaiter().GetResult();
        return templates;
    }

    public static string ReadBuiltIn(string name)
    {
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream("templates/" + name)
            ?? throw new TsharkRstException($"The built-in template {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string RenderMarkdown(ReportView view) => Render(_markdown, view, Markdown);

    public string RenderHtml(ReportView view) => InlineScriptPolicy.Apply(Render(_html, view, Html));

    public string RenderIndexMarkdown(IndexView view) => Render(_indexMarkdown, view, IndexMarkdown);

    public string RenderIndexHtml(IndexView view) => Render(_indexHtml, view, IndexHtml);

    private static HandlebarsTemplate<object, object> Compile(Func<string, string> read, string name, ITextEncoder encoder)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = encoder,
            ThrowOnUnresolvedBindingExpression = true,
        });
        try
        {
            return handlebars.Compile(read(name));
        }
        catch (HandlebarsException ex)
        {
            throw new TsharkRstException($"Template {name} does not compile: {ex.Message}", ex);
        }
    }

    private static string Render(Task<HandlebarsTemplate<object, object>> template, object view, string name)
    {
        try
        {
            return template.GetAwaiter().GetResult()(view);
        }
        catch (Exception ex) when (ex is HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException)
        {
            throw new TsharkRstException($"Template {name} failed: {ex.Message}", ex);
        }
    }
}
