namespace TsharkRst.Findings;

/// <summary>The HTTP/1.x request the reset interrupted or followed (spec field <c>http</c>);
/// <see cref="RequestBytes"/> counts what the client had sent before the RST.</summary>
public sealed record HttpContext(
    string? Method,
    string? Host,
    string? Uri,
    int? Status,
    long RequestFrame,
    long? ResponseFrame,
    long RequestBytes)
{
    /// <summary>"GET api.example/orders/42", or a CONNECT's target as given: "CONNECT host:443".</summary>
    public string RequestLine => Method == "CONNECT" ? $"CONNECT {Uri}" : $"{Method} {Host}{Uri}";
}
