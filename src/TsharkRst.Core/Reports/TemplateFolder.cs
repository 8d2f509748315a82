using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace TsharkRst.Reports;

/// <summary>A folder of user templates (<c>--templates DIR</c>) and what <c>include</c> may read: a name
/// resolves inside the folder only, through any link, and each file is parsed once for every render.</summary>
public sealed class TemplateFolder : ITemplateLoader
{
    public const string Extension = ".sbn";

    // Linux stops resolving after 40 links; so do we, rather than loop on a cycle.
    private const int MaxLinks = 40;

    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public TemplateFolder(string folder)
    {
        Root = RealPath(Path.GetFullPath(folder));
    }

    /// <summary>The folder, every link in its path resolved.</summary>
    public string Root { get; }

    /// <summary>Every template file in the folder and below (links are not followed), by path.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Root, "*" + Extension, new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        })
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The parsed template at <paramref name="path"/>, a real path inside the folder.</summary>
    public Template Parsed(string path) => _parsed.GetOrAdd(path, p => TemplateText.Parse(File.ReadAllText(p), p));

    /// <summary>The real path of <paramref name="name"/> in the folder; a name that leads out of it,
    /// by <c>..</c>, an absolute path or a link, is refused.</summary>
    public string Resolve(string name, SourceSpan span)
    {
        var lexical = Path.GetFullPath(Path.Combine(Root, name));
        var real = RealPath(lexical);
        if (!real.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ScriptRuntimeException(span, $"include '{name}' leads to {real}, outside the templates folder {Root}: a template includes only files of its folder.");
        if (!File.Exists(real))
            throw new ScriptRuntimeException(span, $"include '{name}': there is no file {real}.");
        return real;
    }

    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => Resolve(templateName, callerSpan);

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(File.ReadAllText(templatePath));

    /// <summary><paramref name="path"/> (absolute, normalised) with every link along it replaced by its target.</summary>
    public static string RealPath(string path)
    {
        var links = 0;
        return Walk(path, ref links);
    }

    private static string Walk(string path, ref int links)
    {
        var root = Path.GetPathRoot(path) ?? "";
        var real = root;
        foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                    throw new TsharkRstException($"Too many links to follow at {next}.");
                // A relative target is relative to the link's own folder, itself already real.
                next = Walk(Path.GetFullPath(Path.Combine(real, target)), ref links);
            }
            real = next;
        }
        return real;
    }
}
