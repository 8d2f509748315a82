namespace TsharkRst.Findings;

/// <summary>The device a RST names as its maker (spec: <c>device</c>): a vendor's code or text in the
/// RST, or a published injector fingerprint. <see cref="Vendor"/> is null for text that names none.</summary>
public sealed record ResetDevice(string? Vendor, string Reason, long Frame);
