using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>The connection's observable state when its first RST arrived; when several hold, the
/// first in <see cref="PhaseRule.Precedence"/> wins.</summary>
public enum Phase
{
    [Description("Only SYN(s) from the client so far.")]
    Syn,
    [Description("A SYN-ACK was seen; the handshake was not completed.")]
    SynAck,
    [Description("Handshake complete, no payload either way.")]
    Established,
    [Description("A TLS ClientHello was sent; the handshake was not finished and no alert was sent.")]
    TlsHandshake,
    [Description("A TLS alert had been sent.")]
    TlsAlert,
    [Description("The client had sent payload, the server had sent none.")]
    Request,
    [Description("The server had sent payload.")]
    Response,
    [Description("Either side had sent FIN.")]
    Closing,
    [Description("The capture does not show the start of the connection and nothing else can be told.")]
    Unknown,
}
