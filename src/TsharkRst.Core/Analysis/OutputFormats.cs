namespace TsharkRst.Analysis;

/// <summary>Which files a capture's output folder gets (--format).</summary>
[Flags]
public enum OutputFormats
{
    None = 0,
    /// <summary>findings.json</summary>
    Json = 1,
    /// <summary>summary.md</summary>
    Markdown = 2,
    /// <summary>report.html</summary>
    Html = 4,
    /// <summary>packets.csv</summary>
    Csv = 8,
    /// <summary>evidence.pcapng</summary>
    Evidence = 16,
    All = Json | Markdown | Html | Csv | Evidence,
}
