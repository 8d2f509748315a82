namespace TsharkRst.Findings;

/// <summary>The device a RST names as its maker (spec: <c>device</c>): a vendor's code or text in the
/// RST, or a published injector fingerprint. <see cref="Vendor"/> is null for text that names none.</summary>
public sealed record ResetDevice(string? Vendor, string Reason, long Frame)
{
    public const string NetScaler = "Citrix ADC (NetScaler)";
    public const string BigIp = "F5 BIG-IP";

    /// <summary>Application delivery controllers terminate TCP: where one owns an address, it is the endpoint
    /// the other side talks to.</summary>
    public bool IsProxy => Vendor is NetScaler or BigIp;
}
