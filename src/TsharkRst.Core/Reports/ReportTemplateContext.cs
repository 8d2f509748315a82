using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace TsharkRst.Reports;

/// <summary>The Scriban context of one render (contexts are not thread-safe; templates are shared).
/// Scriban escapes nothing and has no setting for it, so this context's <see cref="Write(SourceSpan, object)"/>
/// escapes every value a template prints for the output's format; only the output of this context
/// itself (a <c>capture</c>, an <c>include</c>, <c>html.escape</c>) and the format's trusted type pass as they are.</summary>
public abstract class ReportTemplateContext : TemplateContext
{
    /// <summary>Iterations of a loop and every loop inside it, together (Scriban's default: 1,000). The biggest
    /// built-in render, report.html at its caps (13 verdicts × 8 servers × 5 cards of at most about 150 items),
    /// is about 80,000; an index of 100,000 captures 100,000. It stops a loop that never ends, not a big capture.</summary>
    public const int MaxLoopSteps = 10_000_000;

    /// <summary>Characters a render may write: 500 times the largest report of the public corpus (266 KB),
    /// seven times an index.html of 100,000 captures (about 18 M). Scriban's default cuts silently at 1 Mi; this one throws.</summary>
    public const int MaxOutput = 128 * 1024 * 1024;

    protected ReportTemplateContext(TemplateFolder? folder, CancellationToken cancellationToken)
        : base(Builtins())
    {
        Folder = folder;
        TemplateLoader = folder;
        CancellationToken = cancellationToken;
        LoopLimit = MaxLoopSteps;
        OutputLimit = MaxOutput;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        OnStringLimit = ScriptLimitBehavior.Throw;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedIndexerAccess = false;
        MemberRenamer = KeepName;
        // Indenting a multi-line value past its first line would turn Markdown into a code block.
        AutoIndent = false;
        NewLine = "\n";

        var include = (IScriptCustomFunction)BuiltinObject["include"]!;
        BuiltinObject.SetValue("include", new TrustedInclude(include, this), true);
        // include_join glues templates with a separator it would print unescaped; eval runs text as a template.
        BuiltinObject.Remove("include_join");
        var objectFunctions = (ScriptObject)BuiltinObject["object"]!;
        objectFunctions.Remove("eval");
        objectFunctions.Remove("eval_template");
        var htmlFunctions = (ScriptObject)BuiltinObject["html"]!;
        htmlFunctions.SetValue("escape", DelegateCustomFunction.CreateFunc((object? value) => value is null ? null : Own(Escaped(value))), true);
    }

    /// <summary>The model's members under their C# names (<c>Capture.Name</c>, <c>TableFindings</c>), not Scriban's snake_case.</summary>
    public static MemberRenamerDelegate KeepName { get; } = member => member.Name;

    private TemplateFolder? Folder { get; }

    /// <summary>A value's text escaped for this output.</summary>
    protected abstract string Escape(string text);

    /// <summary>Whether <paramref name="value"/> is of the type the C# side marks as already in this output's format.</summary>
    protected virtual bool IsTrusted(object value) => false;

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is not null)
            Write(Escaped(textAsObject));
        return this;
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));

    /// <summary>An included file, parsed once for all renders; only from the templates folder.</summary>
    protected override Template CreateTemplate(string templatePath, ScriptNode? callerContext) =>
        Folder?.Parsed(templatePath)
        ?? throw new ScriptRuntimeException(callerContext?.Span ?? CurrentSpan, "The built-in templates include nothing.");

    protected override ValueTask<Template> CreateTemplateAsync(string templatePath, ScriptNode? callerContext) =>
        ValueTask.FromResult(CreateTemplate(templatePath, callerContext));

    /// <summary>Text this context has already written in its format, as a value it will print as is.</summary>
    internal object Own(string text) => new Written(this, text);

    private string Escaped(object value) => value switch
    {
        // A capture's text: its values were escaped as it was written.
        IScriptOutput captured => captured.ToString() ?? "",
        Written written when ReferenceEquals(written.Context, this) => written.Text,
        _ when IsTrusted(value) => value.ToString() ?? "",
        _ => Escape(ObjectToString(value) ?? ""),
    };

    private static ScriptObject Builtins() => TemplateContext.GetDefaultBuiltinObject();

    private sealed record Written(ReportTemplateContext Context, string Text)
    {
        public override string ToString() => Text;
    }
}
