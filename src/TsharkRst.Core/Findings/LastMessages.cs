namespace TsharkRst.Findings;

/// <summary>The last application-layer message each way before the RST (spec field <c>app</c>), as tshark
/// names the protocol and summarises the message.</summary>
public sealed record LastMessages(string Protocol, AppMessage? Client, AppMessage? Server);

/// <summary>One application message: its frame and tshark's summary of it, bounded in length.</summary>
public sealed record AppMessage(long Frame, string Text);
