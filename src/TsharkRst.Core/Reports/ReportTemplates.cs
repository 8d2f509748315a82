using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace TsharkRst.Reports;

/// <summary>The Scriban templates of the Markdown and HTML reports: the built-in ones shipped inside the
/// tool, or a folder's (--templates DIR) file by file. Each is parsed once and shared; each render gets
/// its own escaping context (<see cref="HtmlTemplateContext"/>, <see cref="MarkdownTemplateContext"/>).
/// Templates only loop and branch; an unknown name is an error, not an empty string.</summary>
public sealed class ReportTemplates
{
    public const string Markdown = "summary.md.sbn";
    public const string Html = "report.html.sbn";
    public const string IndexMarkdown = "index.md.sbn";
    public const string IndexHtml = "index.html.sbn";

    /// <summary>templates/README.md: the model the templates receive, exported beside them.</summary>
    public const string Guide = "README.md";

    public static IReadOnlyList<string> Names { get; } = [Markdown, Html, IndexMarkdown, IndexHtml];

    /// <summary>What <c>tsharkrst templates export</c> writes: the templates and their guide.</summary>
    public static IReadOnlyList<string> Exported { get; } = [Markdown, Html, Guide];

    private readonly TemplateFolder? _folder;
    private readonly Dictionary<string, Lazy<Template>> _templates;

    private ReportTemplates(TemplateFolder? folder)
    {
        _folder = folder;
        _templates = Names.ToDictionary(name => name, name => new Lazy<Template>(() => Load(name)));
        // Computed when the manifest first needs it: SHA-256 loads OpenSSL, which need not delay the first capture.
        _fingerprint = new Lazy<string>(() =>
        {
            var partials = folder is null ? [] : Partials(folder).Select(file => Path.GetRelativePath(folder.Root, file) + "\n" + File.ReadAllText(file));
            return FingerprintOf(Names.Select(name => name + "\n" + Read(name)).Concat(partials));
        });
    }

    private readonly Lazy<string> _fingerprint;

    /// <summary>Identifies the template texts, so outputs made with other templates are redone.</summary>
    public string Fingerprint => _fingerprint.Value;

    /// <summary>How long one render may run before it is stopped.</summary>
    public TimeSpan RenderTimeout { get; internal set; } = TimeSpan.FromMinutes(1);

    public static ReportTemplates BuiltIn { get; } = new(null);

    /// <summary>Templates from <paramref name="folder"/>; a template missing there is taken from the built-in set.</summary>
    public static ReportTemplates FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new TsharkRstException($"The templates folder '{folder}' does not exist. Create it with 'tsharkrst templates export {folder}'.");
        var files = new TemplateFolder(folder);
        // A user's template, or a file it may include, that does not parse is told before any capture is read.
        foreach (var file in files.Files())
            files.Parsed(file);
        var templates = new ReportTemplates(files);
        foreach (var template in templates._templates.Values)
            _ = template.Value;
        return templates;
    }

    public static string ReadBuiltIn(string name)
    {
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream("templates/" + name)
            ?? throw new TsharkRstException($"The built-in template {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses <paramref name="names"/> on the thread pool, so a run's first report does not wait for it: it
    /// overlaps the triage pass and tshark.</summary>
    public void Prepare(IEnumerable<string> names)
    {
        var wanted = names.Select(name => _templates[name]).ToList();
        _ = Task.Run(() =>
        {
            foreach (var template in wanted)
            {
                try
                {
                    _ = template.Value;
                }
                catch (TsharkRstException)
                {
                    // Told by the render that needs it.
                }
            }
        });
    }

    public string RenderMarkdown(ReportView view, CancellationToken cancellationToken = default) =>
        Render(Markdown, view, token => new MarkdownTemplateContext(_folder, token), cancellationToken);

    public string RenderHtml(ReportView view, CancellationToken cancellationToken = default) =>
        InlineScriptPolicy.Apply(Render(Html, view, token => new HtmlTemplateContext(_folder, token), cancellationToken));

    public string RenderIndexMarkdown(IndexView view, CancellationToken cancellationToken = default) =>
        Render(IndexMarkdown, view, token => new MarkdownTemplateContext(_folder, token), cancellationToken);

    public string RenderIndexHtml(IndexView view, CancellationToken cancellationToken = default) =>
        Render(IndexHtml, view, token => new HtmlTemplateContext(_folder, token), cancellationToken);

    /// <summary>The folder's other template files, which the templates may include.</summary>
    private static IEnumerable<string> Partials(TemplateFolder folder) =>
        folder.Files().Except(Names.Select(name => Path.Combine(folder.Root, name)), StringComparer.Ordinal);

    private static string FingerprintOf(IEnumerable<string> texts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0", texts))));

    private string? FolderFile(string name) =>
        _folder is not null && File.Exists(Path.Combine(_folder.Root, name)) ? Path.Combine(_folder.Root, name) : null;

    private string Read(string name) => FolderFile(name) is { } path ? File.ReadAllText(path) : ReadBuiltIn(name);

    private Template Load(string name) =>
        FolderFile(name) is { } path ? _folder!.Parsed(path) : TemplateText.Parse(ReadBuiltIn(name), name);

    private void StartDeadline(CancellationTokenSource deadline)
    {
        try
        {
            deadline.CancelAfter(RenderTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The render ended before the hash did.
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The views are this assembly's, which the native publish keeps whole (TrimMode partial).")]
    private string Render(string name, object view, Func<CancellationToken, ReportTemplateContext> contextFor, CancellationToken cancellationToken)
    {
        var template = _templates[name].Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A report may wait for the capture's hash (CaptureView.Sha256): its time is counted from when the hash is known.
        _ = ((view as ReportView)?.Capture.Hashed ?? Task.CompletedTask)
            .ContinueWith(_ => StartDeadline(deadline), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var context = contextFor(deadline.Token);
        var model = new ScriptObject();
        model.Import(view, renamer: ReportTemplateContext.KeepName);
        context.PushGlobal(model);
        try
        {
            return template.Render(context);
        }
        catch (ScriptAbortException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptAbortException)
        {
            throw new TsharkRstException($"Template {name} was stopped after {RenderTimeout.TotalSeconds:0.###} s of rendering: does a loop never end?");
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or ScriptArgumentException)
        {
            throw new TsharkRstException($"Template {name} failed: {ex.Message}", ex);
        }
    }
}
