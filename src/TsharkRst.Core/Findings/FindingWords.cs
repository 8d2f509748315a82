using System.Globalization;

namespace TsharkRst.Findings;

/// <summary>Turns a diagnosis into words: the one-sentence summary and the next steps for its
/// verdict and origin.</summary>
public static class FindingWords
{
    public sealed record Facts(
        string Client,
        string Server,
        Side SentBy,
        Origin Origin,
        Phase Phase,
        Verdict Verdict,
        double IdleSeconds,
        TlsContext? Tls,
        HttpContext? Http,
        Side? FinBy,
        string? OriginReason = null,
        string? Proof = null,
        string? OriginDoubt = null);

    /// <summary>The sentence for the verdict; a proof from a paired capture is always in it, and so is
    /// the reason an origin was left unknown when the signals conflict.</summary>
    public static string Summary(Facts f)
    {
        var sentence = Sentence(f);
        if (f.Proof is { } proof && !sentence.Contains(proof, StringComparison.Ordinal))
            sentence = $"{sentence.TrimEnd('.')} ({proof}).";
        return f.OriginDoubt is { } doubt ? $"{sentence.TrimEnd('.')} (origin unknown: {doubt})." : sentence;
    }

    private static string Sentence(Facts f)
    {
        var sender = f.SentBy switch { Side.Client => f.Client, Side.Server => f.Server, _ => "an unknown sender" };
        var inName = f.Origin == Origin.Middlebox ? $"a device on the path, using {sender}'s address," : sender;
        var idle = Duration(f.IdleSeconds);
        var request = f.Http is { } h ? $" ({h.Method} {h.Host}{h.Uri})" : "";
        return f.Verdict switch
        {
            Verdict.PortClosed =>
                $"{f.Server} answered {f.Client}'s SYN with a RST: nothing was listening on that port, or the host refuses it.",
            Verdict.FirewallReject =>
                $"A firewall on the path rejected {f.Client}'s connection to {f.Server}: it answered the SYN with a RST in the server's name{Because(f)}.",
            Verdict.HandshakeAbort => f.Phase == Phase.Syn
                ? $"{f.Client} reset its own unanswered SYN to {f.Server}: the client gave up on the handshake."
                : $"{sender} reset the TCP handshake between {f.Client} and {f.Server} after the SYN-ACK, before it completed.",
            Verdict.IdleTimeout => f.Origin == Origin.Middlebox
                ? $"A stateful device on the path dropped the idle connection's state between {f.Client} and {f.Server} after about {idle} and reset the next packet in the {Who(f.SentBy)}'s name{Because(f)}."
                : $"{sender} reset the connection between {f.Client} and {f.Server} after it had been idle for {idle}: an idle timer expired.",
            Verdict.MiddleboxInjection =>
                $"A device on the path reset the connection between {f.Client} and {f.Server}{request} in the {Who(f.SentBy)}'s name during the {Vocabulary.Name(f.Phase)} phase{Because(f)}.",
            Verdict.TlsAlert => f.Tls?.Alert is { } alert
                ? $"The {Who(alert.By)} sent TLS alert {alert.Description ?? "(encrypted)"}{(alert.Level is null ? "" : $" ({alert.Level})")} in the handshake between {f.Client} and {f.Server}, then {sender} reset the connection."
                : $"A TLS alert ended the handshake between {f.Client} and {f.Server}, then {sender} reset the connection.",
            Verdict.TlsRejected =>
                $"{sender} reset the connection between {f.Client} and {f.Server} during the TLS handshake, without an alert: the TLS settings (SNI, versions, ciphers) were refused, or the port does not speak TLS.",
            Verdict.AfterClose =>
                $"{sender} reset the connection between {f.Client} and {f.Server} after the {Who(f.FinBy ?? Side.Unknown)} had closed it with FIN: data reached a socket that was already closed.",
            Verdict.RequestRejected =>
                $"{f.Server} reset the connection right after {f.Client}'s request{request}, without sending any response{After(f.IdleSeconds)}.",
            Verdict.RequestAbandoned =>
                $"{f.Client} gave up on its request{request} to {f.Server} after waiting {idle} with no response, and reset the connection.",
            Verdict.ResponseAborted => f.SentBy == Side.Client
                ? $"{f.Client} reset the connection while {f.Server}'s response{request} was still arriving: the client closed with unread data."
                : $"{sender} aborted the response{request} from {f.Server} to {f.Client} mid-way with a RST.",
            Verdict.AbortiveClose =>
                $"{sender} reset the connection between {f.Client} and {f.Server} right after the handshake, before either side sent data{After(f.IdleSeconds)}.",
            _ =>
                $"{sender} reset the connection between {f.Client} and {f.Server}; the capture does not show enough of it to tell why.",
        };
    }

    public static IReadOnlyList<string> NextSteps(Facts f)
    {
        var steps = new List<string>();
        var owner = f.SentBy == Side.Client ? "client" : "server";
        if (f.Origin == Origin.Middlebox && f.Proof is not null)
            steps.Add("Find the device between the two capture points that made this RST (firewalls, load balancers, NAT gateways, IPS): check its policy logs and session table for this 5-tuple.");
        else if (f.Origin == Origin.Middlebox)
            steps.Add("Find the device between the capture point and the " + owner + " that made this RST (firewalls, load balancers, NAT gateways, IPS): check its policy logs and session table for this 5-tuple.");
        switch (f.Verdict)
        {
            case Verdict.PortClosed:
                steps.Add($"Check that the service on {f.Server} is running and listening on that port (ss -ltnp), and bound to the right address.");
                steps.Add("Check the server's local firewall for REJECT rules, and the client's configuration for a wrong port.");
                break;
            case Verdict.FirewallReject:
                steps.Add("Look up the firewall or security-group rule that rejects this port, and its logs for the client's address.");
                break;
            case Verdict.HandshakeAbort:
                steps.Add("Check for SYN floods, SYN cookies or a full accept queue on the server (netstat -s, listen drops), and for half-open scanners.");
                steps.Add("Check whether the client's connect timeout is shorter than the path's round trip.");
                break;
            case Verdict.IdleTimeout:
                steps.Add($"Compare the idle gap ({Duration(f.IdleSeconds)}) with the idle timers of the NAT gateways, load balancers and firewalls on the path.");
                steps.Add("Enable TCP keepalive (or application pings) with an interval shorter than that timer, or lower the client's connection-pool idle time below it.");
                break;
            case Verdict.MiddleboxInjection:
                steps.Add("Check IPS/IDS, DLP, web filters and censorship boxes on the path for a rule matching this traffic; compare with a capture taken at the other end.");
                break;
            case Verdict.TlsAlert:
                steps.Add("Read the TLS alert: check the certificate chain, trusted CAs, SNI and the TLS versions and ciphers both sides allow.");
                steps.Add($"Check the TLS error in the {(f.Tls?.Alert?.By == Side.Client ? "client's" : "server's")} logs for this time.");
                break;
            case Verdict.TlsRejected:
                steps.Add("Check the server's TLS configuration: supported versions, cipher suites, SNI names it serves and ALPN protocols.");
                steps.Add("Try the same handshake with openssl s_client -connect HOST:PORT -servername NAME and compare.");
                break;
            case Verdict.AfterClose:
                steps.Add("Check the application's connection reuse: one side wrote after the other had closed (keep-alive races, pooled connections closed by the server).");
                steps.Add("Align keep-alive timeouts: the client's pool idle time should be shorter than the server's keep-alive timeout.");
                break;
            case Verdict.RequestRejected:
                steps.Add("Check the server's (or its load balancer's) logs at this time for errors, crashes, request limits or rejected requests.");
                steps.Add("Check request size limits and protocol mismatches (e.g. plain HTTP sent to a TLS port).");
                break;
            case Verdict.RequestAbandoned:
                steps.Add("Check the client's request timeout against how long the server takes to answer; check the server's logs for slow requests.");
                break;
            case Verdict.ResponseAborted:
                steps.Add(f.SentBy == Side.Client
                    ? "Check why the client stopped reading: a timeout, a cancelled request, or a crash while the response was under way."
                    : "Check the server's logs for errors while writing the response (upstream failures, worker restarts, timeouts).");
                break;
            case Verdict.AbortiveClose:
                steps.Add("Check the accepting side: a proxy with no healthy backend, an accept-then-close connection limit, or an application that closes with SO_LINGER 0.");
                break;
            default:
                steps.Add("Capture from the start of the connection (or at the other end) so the handshake and the data before the RST are visible.");
                break;
        }
        if (f.Origin == Origin.Unknown && f.Verdict is not Verdict.Unknown)
            steps.Add("To prove which device sent the RST, capture at the other end of the path at the same time.");
        return steps;
    }

    public static string Duration(double seconds) => seconds switch
    {
        < 1 => $"{(seconds * 1000).ToString("0", CultureInfo.InvariantCulture)} ms",
        < 120 => $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        < 7200 => $"{(seconds / 60).ToString("0.#", CultureInfo.InvariantCulture)} min ({seconds.ToString("0", CultureInfo.InvariantCulture)} s)",
        _ => $"{(seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h ({seconds.ToString("0", CultureInfo.InvariantCulture)} s)",
    };

    /// <summary>The decisive origin evidence, so the sentence stands on its own in a ticket.</summary>
    private static string Because(Facts f) => f.OriginReason is { } reason ? $" ({reason})" : "";

    private static string After(double seconds) => seconds >= 1 ? $" ({Duration(seconds)} after the last packet)" : "";

    private static string Who(Side side) => side switch { Side.Client => "client", Side.Server => "server", _ => "other side" };
}
