using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>The diagnosis of a reset; the first rule that matches wins, in this order
/// (spec/findings.md, "Verdicts").</summary>
public enum Verdict
{
    [Description("The server side answered the client's SYN with a RST: nothing listens on that port.")]
    PortClosed,
    [Description("A device on the path answered the SYN with a RST in the server's name.")]
    FirewallReject,
    [Description("The TCP handshake was aborted: a RST after the SYN-ACK, or the client reset its own unanswered SYN.")]
    HandshakeAbort,
    [Description("The connection sat idle past a timer and was reset on the next packet.")]
    IdleTimeout,
    [Description("A device on the path forged the RST with an endpoint's address.")]
    MiddleboxInjection,
    [Description("A TLS alert was sent, then the connection was reset.")]
    TlsAlert,
    [Description("The connection was reset during the TLS handshake, with no alert.")]
    TlsRejected,
    [Description("The RST came after a side had closed with FIN: data reached a closed socket.")]
    AfterClose,
    [Description("The server reset the connection after the client's request, without a response.")]
    RequestRejected,
    [Description("The client reset its connection while waiting for a response.")]
    RequestAbandoned,
    [Description("The connection was reset while the server's response was under way.")]
    ResponseAborted,
    [Description("A side reset the connection right after the handshake, before any data.")]
    AbortiveClose,
    [Description("The capture does not show enough to tell why.")]
    Unknown,
}
