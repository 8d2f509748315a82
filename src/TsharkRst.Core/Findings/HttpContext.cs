namespace TsharkRst.Findings;

/// <summary>The HTTP/1.x request the reset interrupted or followed (spec field <c>http</c>).</summary>
public sealed record HttpContext(
    string? Method,
    string? Host,
    string? Uri,
    int? Status,
    long RequestFrame,
    long? ResponseFrame);
