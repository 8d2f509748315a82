namespace TsharkRst.Findings;

/// <summary>What the capture shows of a connection's TLS handshake (spec field <c>tls</c>).</summary>
public sealed record TlsContext(
    string? Sni,
    IReadOnlyList<string> Alpn,
    IReadOnlyList<string> Versions,
    TlsAlert? Alert,
    long? ClientHelloFrame,
    long? ServerHelloFrame);

/// <summary>A TLS alert: who sent it, its level and description by name (null when encrypted).</summary>
public sealed record TlsAlert(Side By, string? Level, string? Description, long Frame);
