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
        string? OriginDoubt = null)
    {
        /// <summary>The device the RST names as its maker.</summary>
        public ResetDevice? Device { get; init; }

        /// <summary>The RST answered a packet of the other side (rather than a timer of its sender's).</summary>
        public bool AnswersPacket { get; init; }

        /// <summary>Both sides went on after the RST: it did not end the connection.</summary>
        public long? WentOnFrame { get; init; }

        /// <summary>Both sides had sent a FIN before the RST.</summary>
        public bool BothClosed { get; init; }

        /// <summary>The RST was made by the front end that answered the handshake for the sender (a load balancer
        /// or proxy), not by a device in the middle of the path.</summary>
        public bool FrontEnd { get; init; }

        /// <summary>The RST bit sits on a damaged or crafted segment that the stream runs through.</summary>
        public bool NotAReset { get; init; }

        /// <summary>The server's data was still unacknowledged at the RST, or arrived after it.</summary>
        public bool UnreadData { get; init; }

        /// <summary>Keep-alive probes the RST's sender sent in the silence that no answer followed.</summary>
        public int UnansweredProbes { get; init; }

        /// <summary>The packet the RST answers carried data (rather than a bare FIN or ACK).</summary>
        public bool AnswersData { get; init; }

        /// <summary>The client's latest request was still unanswered when the silence before the RST began.</summary>
        public bool ClientWaiting { get; init; }

        /// <summary>The last application message each way.</summary>
        public LastMessages? App { get; init; }

        /// <summary>An HTTP/2 RST_STREAM or GOAWAY before the TCP RST.</summary>
        public Http2Abort? Http2Abort { get; init; }

        /// <summary>A side's data went unacknowledged before the RST.</summary>
        public Stall? Stall { get; init; }

        /// <summary>The MAC of a device on the capture point's own segment that made the RST (0 hops away,
        /// where the claimed sender is farther).</summary>
        public string? LocalMaker { get; init; }
    }

    /// <summary>The sentence for the verdict; a proof from a paired capture is always in it, and so is
    /// the reason an origin was left unknown when the signals conflict.</summary>
    public static string Summary(Facts f)
    {
        var sentence = Sentence(f);
        if (f.Http2Abort is { } abort)
            sentence = $"{sentence.TrimEnd('.')}; just before it, {abort}.";
        if (f.Http is null && f.App is { } app && LastMessage(app) is { } last)
            sentence = $"{sentence.TrimEnd('.')} (the last {app.Protocol} message before it: the {last.Side}'s \"{last.Message.Text}\", frame {last.Message.Frame}).";
        if (f.WentOnFrame is { } frame)
            sentence = $"{sentence.TrimEnd('.')}; the connection went on after it (frame {frame}), so that RST did not end it.";
        if (f.Proof is { } proof && !sentence.Contains(proof, StringComparison.Ordinal))
            sentence = $"{sentence.TrimEnd('.')} ({proof}).";
        return f.OriginDoubt is { } doubt ? $"{sentence.TrimEnd('.')} (origin unknown: {doubt})." : sentence;
    }

    private static string Sentence(Facts f)
    {
        if (f.NotAReset)
            return $"The first packet with the RST bit between {f.Client} and {f.Server} is a damaged or crafted segment that its sender's stream runs on through: it is not a reset.";
        var sentence = VerdictSentence(f);
        if (f.Stall is not { } stall || f.Verdict is Verdict.IdleTimeout or Verdict.PortClosed or Verdict.FirewallReject)
            return sentence;
        var stalled = stall.By == Side.Client ? f.Client : f.Server;
        var other = stall.By == Side.Client ? f.Server : f.Client;
        var what = StallWords(stall, other);
        if (stall.By == f.SentBy && f.Origin != Origin.Middlebox)
            return $"{stalled} {what}, then reset the connection: it gave up " +
                   $"({Vocabulary.Name(f.Verdict)}{(f.Http is { } h ? $", {h.RequestLine}" : "")}).";
        return $"{sentence.TrimEnd('.')}; before it, {stalled} {what}.";
    }

    private static (string Side, AppMessage Message)? LastMessage(LastMessages app) =>
        (app.Client, app.Server) switch
        {
            ({ } c, { } srv) => c.Frame > srv.Frame ? ("client", c) : ("server", srv),
            ({ } c, null) => ("client", c),
            (null, { } srv) => ("server", srv),
            _ => null,
        };

    /// <summary>"retransmitted 6,000 bytes 5 times over 6.4 s", or the zero-window probing.</summary>
    /// <summary>"retransmitted 1,448 bytes 5 times over 15.6 s from their first sending without an acknowledgement
    /// from PEER", or "was held off by PEER's zero window for 9 s (2 probes)".</summary>
    public static string StallWords(Stall stall, string peer)
    {
        var span = Duration(stall.Span.TotalSeconds);
        if (stall.ZeroWindow)
            return $"was held off by {peer}'s zero window for {span}" + (stall.Retransmissions > 0 ? $" ({Count(stall.Retransmissions, "probe")})" : "");
        var resent = stall.ResentBytes.ToString("N0", CultureInfo.InvariantCulture);
        var times = stall.Retransmissions == 1 ? "once" : $"{stall.Retransmissions.ToString(CultureInfo.InvariantCulture)} times";
        var outstanding = stall.UnackedBytes == stall.ResentBytes ? ""
            : $", {stall.UnackedBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes being unacknowledged";
        return $"retransmitted {resent} bytes {times} over {span} from their first sending{outstanding}, without an acknowledgement from {peer}";
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string VerdictSentence(Facts f)
    {
        var sender = f.SentBy switch { Side.Client => f.Client, Side.Server => f.Server, _ => "an unknown sender" };
        var inName = f.Origin == Origin.Middlebox ? $"a device on the path, using {sender}'s address," : sender;
        var idle = Duration(f.IdleSeconds);
        var request = f.Http is { } h ? $" ({h.RequestLine})" : "";
        return f.Verdict switch
        {
            Verdict.PortClosed =>
                $"{f.Server} answered {f.Client}'s SYN with a RST: nothing was listening on that port, or the host refuses it.",
            Verdict.FirewallReject =>
                $"A firewall on the path rejected {f.Client}'s connection to {f.Server}: it answered the SYN with a RST in the server's name{Because(f)}.",
            Verdict.HandshakeAbort => f.Phase == Phase.Syn
                ? $"{f.Client} reset its own unanswered SYN to {f.Server}: the client gave up on the handshake."
                : $"{sender} reset the TCP handshake between {f.Client} and {f.Server} after the SYN-ACK, before it completed.",
            Verdict.IdleTimeout => f.Origin == Origin.Middlebox && (f.FrontEnd || f.Device?.IsProxy == true)
                ? $"The front end answering for the {Who(f.SentBy)} ({(f.Device?.IsProxy == true ? f.Device.Vendor : "a load balancer or proxy")}) reset the connection between {f.Client} and {f.Server} after it had been idle for {idle}: its idle timer{Because(f)}."
                : f.Origin == Origin.Middlebox
                ? $"A stateful device on the path dropped the idle connection's state between {f.Client} and {f.Server} after about {idle} and " +
                  $"{(f.AnswersPacket ? "reset the next packet" : "reset the connection")} in the {Who(f.SentBy)}'s name{Because(f)}."
                : f.UnansweredProbes > 0
                ? $"{sender} reset the connection between {f.Client} and {f.Server} after it had been idle for {idle}, when {Count(f.UnansweredProbes, "keep-alive probe")} in that silence went unanswered: the peer was gone (dead-peer detection)."
                : $"{sender} reset the connection between {f.Client} and {f.Server} after it had been idle for {idle}: an idle timer expired.",
            Verdict.MiddleboxInjection =>
                $"A device on the path reset the connection between {f.Client} and {f.Server}{request} in the {Who(f.SentBy)}'s name during the {Vocabulary.Name(f.Phase)} phase{Because(f)}.",
            Verdict.TlsAlert => f.Tls?.Alert is { } alert
                ? alert.Description is null
                    ? $"The {Who(alert.By)} sent an encrypted TLS alert, probably fatal, that ended the handshake between {f.Client} and {f.Server}, then {sender} reset the connection."
                    : $"The {Who(alert.By)} sent TLS alert {alert.Description}{(alert.Level is null ? "" : $" ({alert.Level})")} in the TLS session between {f.Client} and {f.Server}, then {sender} reset the connection."
                : $"A TLS alert ended the handshake between {f.Client} and {f.Server}, then {sender} reset the connection.",
            Verdict.TlsRejected =>
                $"{sender} reset the connection between {f.Client} and {f.Server} during the TLS handshake, without an alert: the TLS settings (SNI, versions, ciphers) were refused, or the port does not speak TLS.",
            Verdict.AfterClose => AfterClose(f, sender),
            Verdict.RequestRejected =>
                $"{f.Server} reset the connection right after {f.Client}'s request{request}, without sending any response{After(f.IdleSeconds)}.",
            Verdict.RequestAbandoned =>
                $"{f.Client} gave up on its request{request} to {f.Server} after waiting {idle} with no response, and reset the connection.",
            Verdict.ResponseAborted => f.SentBy == Side.Client && f.ClientWaiting && f.IdleSeconds >= 1
                ? $"{f.Client} gave up on its latest request{request} to {f.Server} after waiting {idle} with no answer, and reset the connection (earlier answers had arrived)."
                : f.SentBy == Side.Client && f.UnreadData
                ? $"{f.Client} reset the connection while {f.Server}'s response{request} was still arriving: the client closed with unread data."
                : f.SentBy == Side.Client
                ? $"{f.Client} reset the connection {Duration(f.IdleSeconds)} after {f.Server}'s last data{request}, all of it acknowledged: an abortive close (SO_LINGER 0, or a program that exited) instead of a FIN."
                : f.SentBy == Side.Server
                ? $"{f.Server} aborted its response{request} to {f.Client} mid-way with a RST."
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
        if (f.NotAReset)
            return ["Nothing to chase for this connection: look for the capture's damage (a bad checksum, a fuzzed or replayed trace) if its other packets matter."];
        if (f.Stall is { } stall && stall.By == f.SentBy && f.Verdict is not Verdict.IdleTimeout)
            steps.Add($"A retransmission give-up ({(stall.By == Side.Client ? "the client" : "the server")}'s data went unacknowledged: " +
                      "tcp_retries2 or TCP_USER_TIMEOUT, the RTO limit, or the application's own send timeout): look for loss on the path " +
                      "or a blackholed route (a firewall dropping this flow, an MTU black hole where large segments vanish and small ones " +
                      "pass), and check whether the peer vanished (crashed, rebooted, or its address moved).");
        if (DeviceStep(f) is { } device)
            steps.Add(device);
        else if (f.Origin == Origin.Middlebox && f.FrontEnd)
            steps.Add($"Check the front end (load balancer or proxy) that answers for {(f.SentBy == Side.Client ? f.Client : f.Server)}: its idle timeout and " +
                      "connection limits for this service, and its logs for this 5-tuple; the host behind it did not send this RST.");
        else if (f.Origin == Origin.Middlebox && f.LocalMaker is { } mac)
            steps.Add($"The RST was made on the capture point's own segment, 0 hops away, by the interface with MAC {mac}: check the local gateway, NAT or firewall there (its state table and idle timers) for this 5-tuple.");
        else if (f.Origin == Origin.Middlebox && f.Proof is not null)
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
            case Verdict.IdleTimeout when f.UnansweredProbes > 0:
                steps.Add("The peer stopped answering keep-alive probes: check whether it crashed, rebooted or lost its network, or whether a NAT or " +
                          "firewall on the path dropped the connection's state before the probes began.");
                break;
            case Verdict.IdleTimeout:
                steps.Add($"Compare the idle gap ({Duration(f.IdleSeconds)}) with the idle timers of the NAT gateways, load balancers and firewalls on the path.");
                steps.Add("Enable TCP keepalive (or application pings) with an interval shorter than that timer, or lower the client's connection-pool idle time below it.");
                break;
            case Verdict.MiddleboxInjection when f.Device is null && f.LocalMaker is null:
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
            case Verdict.ResponseAborted when f.SentBy == Side.Client && f.ClientWaiting && f.IdleSeconds >= 1:
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

    /// <summary>Who closed, and who reset: data reaching a closed socket, or a side's own abortive close.</summary>
    private static string AfterClose(Facts f, string sender)
    {
        var between = $"between {f.Client} and {f.Server}";
        if (f.FinBy is not { } finBy)
        {
            var alertBy = f.Tls?.Alert?.By ?? Side.Unknown;
            return alertBy == f.SentBy
                ? $"{sender} sent a TLS closure alert, then reset the connection {between} instead of closing it with FIN: an abortive close."
                : $"{sender} reset the connection {between} after the {Who(alertBy)}'s TLS closure alert had closed it: an abortive close of its own side instead of a FIN.";
        }
        var closed = f.BothClosed ? "after both sides had closed it with FIN" : $"after the {Who(finBy)} had closed it with FIN";
        if (finBy != f.SentBy && !f.BothClosed)
            return $"{sender} reset the connection {between} {closed}: an abortive close of its own side instead of a FIN.";
        return f.AnswersData
            ? $"{sender} reset the connection {between} {closed}: data reached a socket that was already closed."
            : $"{sender} reset the connection {between} {closed}: a segment reached a socket that was already closed.";
    }

    /// <summary>Where the RST names its maker, the first step is that device's own logs and settings.</summary>
    private static string? DeviceStep(Facts f) => f.Device switch
    {
        { Vendor: ResetDevice.NetScaler } d =>
            $"Check the Citrix ADC (NetScaler) that answers for this address: {d.Reason}. For the idle and zombie codes (9300-9303) compare the " +
            "silence with its client and server idle timeouts (cltTimeout, svrTimeout) and zombie timer; its counters count resets by code (CTX200852).",
        { Vendor: ResetDevice.BigIp } d =>
            $"Check the F5 BIG-IP that made this RST: its reset cause is \"{d.Reason}\"; tm.rstcause.log writes every RST it sends to /var/log/ltm, " +
            "and the virtual server's profiles hold its idle timeouts and limits (K13223).",
        { Vendor: { } vendor } when vendor.StartsWith("on-path injector", StringComparison.Ordinal) =>
            "The RST matches a published fingerprint of a censorship injector: compare with a capture taken at the other end, and test the same request from another network.",
        { Vendor: null } d when f.Origin != Origin.Endpoint =>
            $"The RST carries the text \"{d.Reason}\": look for the firewall, proxy or software on the path that writes it.",
        _ => null,
    };

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
