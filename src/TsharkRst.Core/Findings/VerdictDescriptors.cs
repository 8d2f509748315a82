using static TsharkRst.Findings.FindingWords;

namespace TsharkRst.Findings;

/// <summary>One <see cref="VerdictDescriptor"/> per verdict, in the enum's order: the sentence, the verdict's own next
/// steps (those of a stall, a named device or a middlebox come before them, FindingWords.NextSteps), the confidence
/// policy (high where the packets show the verdict directly, lowered where the sides were guessed; an origin verdict
/// is as sure as its origin) and the report colour.</summary>
public static class VerdictDescriptors
{
    private const string CaptureMore =
        "Capture from the start of the connection (or at the other end) so the handshake and the data before the RST are visible.";

    private const string SlowAnswer =
        "Check the client's request timeout against how long the server takes to answer; check the server's logs for slow requests.";

    public static IReadOnlyList<VerdictDescriptor> All { get; } =
    [
        new(Verdict.PortClosed,
            (f, p) => $"{f.Server} answered {f.Client}'s SYN with a RST: nothing was listening on that port, or the host refuses it.",
            f =>
            [
                $"Check that the service on {f.Server} is running and listening on that port (ss -ltnp), and bound to the right address.",
                "Check the server's local firewall for REJECT rules, and the client's configuration for a wrong port.",
            ],
            c => c.Observed,
            "#64748b", "#94a3b8"),
        new(Verdict.FirewallReject,
            (f, p) => $"A firewall on the path rejected {f.Client}'s connection to {f.Server}: it answered the SYN with a RST in the server's name{Because(f)}.",
            _ => ["Look up the firewall or security-group rule that rejects this port, and its logs for the client's address."],
            c => c.Origin.Confidence,
            "#d9480f", "#ff8a3d"),
        new(Verdict.HandshakeAbort,
            (f, p) => f.Phase == Phase.Syn
                ? $"{f.Client} reset its own unanswered SYN to {f.Server}: the client gave up on the handshake."
                : $"{p.Sender} reset the TCP handshake between {f.Client} and {f.Server} after the SYN-ACK, before it completed.",
            _ =>
            [
                "Check for SYN floods, SYN cookies or a full accept queue on the server (netstat -s, listen drops), and for half-open scanners.",
                "Check whether the client's connect timeout is shorter than the path's round trip.",
            ],
            c => c.Observed,
            "#a16207", "#fcc419"),
        new(Verdict.IdleTimeout,
            (f, p) => f.Origin == Origin.Middlebox && (f.FrontEnd || f.Device?.IsProxy == true)
                ? $"The front end answering for the {Who(f.SentBy)} ({(f.Device?.IsProxy == true ? f.Device.Vendor : "a load balancer or proxy")}) reset the connection between {f.Client} and {f.Server} after it had been idle for {p.Idle}: its idle timer{Because(f)}."
                : f.Origin == Origin.Middlebox
                ? $"A stateful device on the path dropped the idle connection's state between {f.Client} and {f.Server} after about {p.Idle} and " +
                  $"{(f.AnswersPacket ? "reset the next packet" : "reset the connection")} in the {Who(f.SentBy)}'s name{Because(f)}."
                : f.UnansweredProbes > 0
                ? $"{p.Sender} reset the connection between {f.Client} and {f.Server} after it had been idle for {p.Idle}, when {Count(f.UnansweredProbes, "keep-alive probe")} in that silence went unanswered: the peer was gone (dead-peer detection)."
                : $"{p.Sender} reset the connection between {f.Client} and {f.Server} after it had been idle for {p.Idle}: an idle timer expired.",
            f => f.UnansweredProbes > 0
                ?
                [
                    "The peer stopped answering keep-alive probes: check whether it crashed, rebooted or lost its network, or whether a NAT or " +
                    "firewall on the path dropped the connection's state before the probes began.",
                ]
                :
                [
                    $"Compare the idle gap ({Duration(f.IdleSeconds)}) with the idle timers of the NAT gateways, load balancers and firewalls on the path.",
                    "Enable TCP keepalive (or application pings) with an interval shorter than that timer, or lower the client's connection-pool idle time below it.",
                ],
            c => c.Origin.Origin == Origin.Middlebox ? c.Origin.Confidence : Confidence.Medium,
            "#7048e8", "#9775fa"),
        new(Verdict.MiddleboxInjection,
            (f, p) => $"A device on the path reset the connection between {f.Client} and {f.Server}{p.Request} in the {Who(f.SentBy)}'s name during the {Vocabulary.Name(f.Phase)} phase{Because(f)}.",
            // With the RST's maker named (a device, or the capture point's own segment), what is left is a fuller capture.
            f => f.Device is null && f.LocalMaker is null
                ? ["Check IPS/IDS, DLP, web filters and censorship boxes on the path for a rule matching this traffic; compare with a capture taken at the other end."]
                : [CaptureMore],
            c => c.Origin.Confidence,
            "#e03131", "#ff6b6b"),
        new(Verdict.TlsAlert,
            (f, p) => f.Tls?.Alert is { } alert
                ? alert.Description is null
                    ? $"The {Who(alert.By)} sent an encrypted TLS alert, probably fatal, that ended the handshake between {f.Client} and {f.Server}, then {p.Sender} reset the connection."
                    : $"The {Who(alert.By)} sent TLS alert {alert.Description}{(alert.Level is null ? "" : $" ({alert.Level})")} in the TLS session between {f.Client} and {f.Server}, then {p.Sender} reset the connection."
                : $"A TLS alert ended the handshake between {f.Client} and {f.Server}, then {p.Sender} reset the connection.",
            f =>
            [
                "Read the TLS alert: check the certificate chain, trusted CAs, SNI and the TLS versions and ciphers both sides allow.",
                $"Check the TLS error in the {(f.Tls?.Alert?.By == Side.Client ? "client's" : "server's")} logs for this time.",
            ],
            c => c.Tls?.Alert?.Description is null ? Confidence.Medium : c.Observed,
            "#0c8599", "#3bc9db"),
        new(Verdict.TlsRejected,
            (f, p) => $"{p.Sender} reset the connection between {f.Client} and {f.Server} during the TLS handshake, without an alert: the TLS settings (SNI, versions, ciphers) were refused, or the port does not speak TLS.",
            _ =>
            [
                "Check the server's TLS configuration: supported versions, cipher suites, SNI names it serves and ALPN protocols.",
                "Try the same handshake with openssl s_client -connect HOST:PORT -servername NAME and compare.",
            ],
            c => c.Observed,
            "#1971c2", "#4dabf7"),
        new(Verdict.AfterClose,
            (f, p) => AfterClose(f, p.Sender),
            _ =>
            [
                "Check the application's connection reuse: one side wrote after the other had closed (keep-alive races, pooled connections closed by the server).",
                "Align keep-alive timeouts: the client's pool idle time should be shorter than the server's keep-alive timeout.",
            ],
            c => c.Observed,
            "#5c940d", "#94d82d"),
        new(Verdict.RequestRejected,
            (f, p) => $"{f.Server} reset the connection right after {f.Client}'s request{p.Request}, without sending any response{After(f.IdleSeconds)}.",
            _ =>
            [
                "Check the server's (or its load balancer's) logs at this time for errors, crashes, request limits or rejected requests.",
                "Check request size limits and protocol mismatches (e.g. plain HTTP sent to a TLS port).",
            ],
            c => c.Observed,
            "#c2255c", "#f06595"),
        new(Verdict.RequestAbandoned,
            (f, p) => $"{f.Client} gave up on its request{p.Request} to {f.Server} after waiting {p.Idle} with no response, and reset the connection.",
            _ => [SlowAnswer],
            c => c.Observed,
            "#3b5bdb", "#748ffc"),
        new(Verdict.ResponseAborted,
            (f, p) => f.SentBy == Side.Client && f.ClientWaiting && f.IdleSeconds >= 1
                ? $"{f.Client} gave up on its latest request{p.Request} to {f.Server} after waiting {p.Idle} with no answer, and reset the connection (earlier answers had arrived)."
                : f.SentBy == Side.Client && f.UnreadData
                ? $"{f.Client} reset the connection while {f.Server}'s response{p.Request} was still arriving: the client closed with unread data."
                : f.SentBy == Side.Client
                ? $"{f.Client} reset the connection {Duration(f.IdleSeconds)} after {f.Server}'s last data{p.Request}, all of it acknowledged: an abortive close (SO_LINGER 0, or a program that exited) instead of a FIN."
                : f.SentBy == Side.Server
                ? $"{f.Server} aborted its response{p.Request} to {f.Client} mid-way with a RST."
                : $"{p.Sender} aborted the response{p.Request} from {f.Server} to {f.Client} mid-way with a RST.",
            f => f.SentBy == Side.Client && f.ClientWaiting && f.IdleSeconds >= 1
                ? [SlowAnswer]
                : [f.SentBy == Side.Client
                    ? "Check why the client stopped reading: a timeout, a cancelled request, or a crash while the response was under way."
                    : "Check the server's logs for errors while writing the response (upstream failures, worker restarts, timeouts)."],
            c => c.Observed,
            "#9c36b5", "#da77f2"),
        new(Verdict.AbortiveClose,
            (f, p) => $"{p.Sender} reset the connection between {f.Client} and {f.Server} right after the handshake, before either side sent data{After(f.IdleSeconds)}.",
            _ => ["Check the accepting side: a proxy with no healthy backend, an accept-then-close connection limit, or an application that closes with SO_LINGER 0."],
            c => c.Observed,
            "#8d5a3b", "#d8a47f"),
        new(Verdict.Unknown,
            (f, p) => $"{p.Sender} reset the connection between {f.Client} and {f.Server}; the capture does not show enough of it to tell why.",
            _ => [CaptureMore],
            _ => Confidence.Low,
            "#868e96", "#adb5bd"),
    ];

    public static VerdictDescriptor Of(Verdict verdict) => All[(int)verdict];
}
