using System.Globalization;

namespace TsharkRst.Findings;

/// <summary>Turns a diagnosis into words: the one-sentence summary and the next steps, around what its verdict's
/// <see cref="VerdictDescriptor"/> says (the stall, the proof, the device that made the RST, the doubt about its origin).</summary>
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

    internal static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>What a verdict's sentence names: who sent the RST, the silence before it, and the request it interrupted.</summary>
    public sealed record Parts(string Sender, string Idle, string Request);

    private static string VerdictSentence(Facts f)
    {
        var sender = f.SentBy switch { Side.Client => f.Client, Side.Server => f.Server, _ => "an unknown sender" };
        var request = f.Http is { } h ? $" ({h.RequestLine})" : "";
        return VerdictDescriptors.Of(f.Verdict).Sentence(f, new Parts(sender, Duration(f.IdleSeconds), request));
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
        steps.AddRange(VerdictDescriptors.Of(f.Verdict).Steps(f));
        if (f.Origin == Origin.Unknown && f.Verdict is not Verdict.Unknown)
            steps.Add("To prove which device sent the RST, capture at the other end of the path at the same time.");
        return steps;
    }

    /// <summary>Who closed, and who reset: data reaching a closed socket, or a side's own abortive close.</summary>
    internal static string AfterClose(Facts f, string sender)
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
    internal static string Because(Facts f) => f.OriginReason is { } reason ? $" ({reason})" : "";

    internal static string After(double seconds) => seconds >= 1 ? $" ({Duration(seconds)} after the last packet)" : "";

    internal static string Who(Side side) => side switch { Side.Client => "client", Side.Server => "server", _ => "other side" };
}
