namespace TsharkRst.Findings;

/// <summary>What the capture shows of a connection's TLS handshake (spec field <c>tls</c>).</summary>
public sealed record TlsContext(
    string? Sni,
    IReadOnlyList<string> Alpn,
    IReadOnlyList<string> Versions,
    TlsAlert? Alert,
    long? ClientHelloFrame,
    long? ServerHelloFrame);

/// <summary>A TLS alert: who sent it, its level and description by name (null when encrypted), and what
/// it says about the connection.</summary>
public sealed record TlsAlert(Side By, string? Level, string? Description, long Frame)
{
    public TlsAlertKind Kind { get; init; } = TlsAlertKind.Error;

    /// <summary>The alert ended the TLS session as an error: the phase is <c>tls-alert</c>.</summary>
    public bool IsError => Kind is TlsAlertKind.Error or TlsAlertKind.EncryptedEndingHandshake;

    /// <summary>The alert closed the session: the phase is <c>closing</c>.</summary>
    public bool IsClosure => Kind is TlsAlertKind.Closure or TlsAlertKind.EncryptedBeforeFin;
}
