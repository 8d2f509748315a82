namespace TsharkRst.Findings;

/// <summary>The TLS context of a reset: SNI, ALPN and versions from the ClientHello, the ServerHello
/// frame, and the alert.</summary>
public static class TlsContextRule
{
    public static TlsContext? Of(ResetSnapshot s)
    {
        var hello = s.ClientHello;
        if (hello is null && s.ServerHello is null && s.Alert is null)
            return null;
        var offered = hello?.TlsSupportedVersions.Where(v => !TlsNames.IsGrease(v)).ToList() ?? [];
        if (offered.Count == 0 && hello?.TlsHandshakeVersions.Count > 0)
            offered = [hello.TlsHandshakeVersions[0]];
        return new TlsContext(
            hello?.TlsServerName,
            hello?.TlsAlpn ?? [],
            offered.Select(TlsNames.Version).ToList(),
            s.Alert,
            hello?.Frame,
            s.ServerHello?.Frame);
    }
}
