using System.Globalization;
using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Diagnoses a connection's first RST: a pure function of its packets and of what the
/// rest of the capture showed about the addresses involved, and, with a capture from the other end
/// of the path, of what that capture proves.</summary>
public static class ResetDiagnosis
{
    /// <param name="serverNames">the names DNS answers in the capture gave the server's address, with their frames
    /// (<see cref="DnsNames.For"/>); those answered before the RST count</param>
    public static ResetFinding? Diagnose(Connection connection, DiagnosisSettings settings, AddressProfiles profiles,
        IReadOnlyList<(string Name, long Frame)> serverNames) =>
        ResetSnapshot.Take(connection) is { } s ? Diagnose(s, settings, profiles, serverNames, pair: null) : null;

    /// <param name="pair">what the capture from the other end proves about this RST, if there is one</param>
    public static ResetFinding Diagnose(ResetSnapshot s, DiagnosisSettings settings, AddressProfiles profiles,
        IReadOnlyList<(string Name, long Frame)> serverNames, PairEvidence? pair)
    {
        var connection = s.Connection;
        var proof = pair?.Proof;
        var inferred = OriginRule.Judge(s, profiles);
        var origin = proof?.Outrank(inferred) ?? inferred;
        var phase = PhaseRule.Of(s);
        var idle = IdleGap.Of(s);
        // A damaged segment that carries the RST bit ended nothing: there is no reset to diagnose.
        var verdict = origin.NotAReset ? Verdict.Unknown : VerdictRule.Of(phase, s.SentBy, origin.Origin, idle, settings.IdleThreshold);
        var tls = TlsContextRule.Of(s);
        var http = HttpContextRule.Of(s);
        var app = LastMessagesRule.Of(s);
        var h2Abort = HttpContextRule.AbortOf(s);
        var ladder = LadderSteps.Of(s);
        var names = serverNames.Where(n => n.Frame < s.Rst.Frame).Select(n => n.Name).ToList();
        var facts = new FindingWords.Facts(
            connection.Client.ToString(),
            connection.Server + (names.Count > 0 ? $" ({names[0]})" : tls?.Sni is { } sni ? $" ({sni})" : ""),
            s.SentBy, origin.Origin, phase, verdict, idle.Seconds, tls, http,
            s.FirstFin is { } fin ? (s.IsFromClient(fin) ? Side.Client : Side.Server) : null,
            origin.Origin == Origin.Middlebox ? proof?.Words ?? origin.Reason : null,
            proof?.Words,
            origin.Origin == Origin.Unknown ? origin.Reason : null)
        {
            Device = origin.Device,
            NotAReset = origin.NotAReset,
            BothClosed = s.Before.Any(p => p.Has(TcpFlags.Fin) && s.IsFromClient(p)) && s.Before.Any(p => p.Has(TcpFlags.Fin) && !s.IsFromClient(p)),
            FrontEnd = origin.FrontEnd,
            Stall = idle.Stall,
            ClientWaiting = idle.ClientAwaitingAnswer,
            UnreadData = UnreadServerData(s),
            UnansweredProbes = idle.UnansweredProbes,
            AnswersData = (s.Answered ?? idle.Trigger) is { PayloadLength: > 0 },
            App = app,
            Http2Abort = h2Abort,
            AnswersPacket = idle.Trigger is not null,
            WentOnFrame = WentOn(s),
            LocalMaker = origin.Origin == Origin.Middlebox ? LocalMaker(s) : null,
        };

        return new ResetFinding
        {
            Client = connection.Client,
            Server = connection.Server,
            RstFrame = s.Rst.Frame,
            RstTime = s.Rst.Time,
            RstCount = s.RstCount,
            SentBy = s.SentBy,
            Origin = origin.Origin,
            Phase = phase,
            Verdict = verdict,
            Confidence = VerdictDescriptors.Of(verdict).Confidence(new ConfidenceFacts(connection.SidesFromHandshake, origin, tls)),
            IdleBeforeSeconds = Math.Round(idle.Seconds, 6),
            Summary = FindingWords.Summary(facts),
            Evidence = EvidenceOf(s, idle, origin, tls, http, settings, h2Abort),
            NextSteps = FindingWords.NextSteps(facts),
            Tls = tls,
            Http = http,
            WiresharkFilter = WiresharkFilter.For(connection),
            Device = origin.Device,
            App = app,
            Tampering = TamperingRule.Of(connection),
            History = ConnectionHistory.Of(connection, s.RstIndex),
            ServerNames = names,
            Pair = proof?.Pair,
            Ladder = ladder,
            PathLadder = pair?.Ladder,
        };
    }

    private static IReadOnlyList<Evidence> EvidenceOf(
        ResetSnapshot s, IdleGap idle, OriginJudgement origin, TlsContext? tls, HttpContext? http, DiagnosisSettings settings, Http2Abort? h2Abort)
    {
        var evidence = new List<Evidence>();
        string Who(PacketRow p) => s.IsFromClient(p) ? "client" : "server";
        if (s.Syn is { } syn)
            evidence.Add(new(syn.Frame, "client SYN"));
        if (s.SynAck is { } synAck)
            evidence.Add(new(synAck.Frame, "server SYN-ACK"));
        if (s.ClientHello is { } hello)
            evidence.Add(new(hello.Frame, "TLS ClientHello" + (tls?.Sni is { } sni ? $" for {sni}" : "") +
                                          (tls?.Versions.Count > 0 ? $" offering {string.Join(", ", tls.Versions)}" : "")));
        if (s.ServerHello is { } serverHello)
            evidence.Add(new(serverHello.Frame, "TLS ServerHello"));
        foreach (var alert in s.Alerts)
            evidence.Add(new(alert.Frame, AlertNote(alert)));
        if (http is not null)
        {
            evidence.Add(new(http.RequestFrame, $"HTTP request {http.RequestLine}"));
            if (http.ResponseFrame is { } responseFrame)
                evidence.Add(new(responseFrame, $"HTTP response {http.Status}"));
        }
        else if (tls is null && s.FirstClientPayload is { } request)
        {
            evidence.Add(new(request.Frame, $"first client data ({request.PayloadLength} bytes)"));
        }
        if (tls is null && http?.ResponseFrame is null && s.FirstServerPayload is { } response)
            evidence.Add(new(response.Frame, $"first server data ({response.PayloadLength} bytes)"));
        if (s.FirstFin is { } fin)
            evidence.Add(new(fin.Frame, $"FIN from the {Who(fin)}"));
        if (idle.Seconds >= settings.IdleThreshold.TotalSeconds && idle.SilenceStart is { } quiet)
            evidence.Add(new(quiet.Frame, $"last packet before {FindingWords.Duration(idle.Seconds)} of silence" +
                                          (idle.Stall is null ? "" : " (a stall: data was waiting for its acknowledgement)")));
        if (idle.UnansweredProbes > 0 && idle.SilenceStart is { } silent)
            evidence.AddRange(s.Before.Where(p => p.Frame > silent.Frame && p.KeepAlive && s.IsFromClient(p) == (s.SentBy == Side.Client))
                .Select(p => new Evidence(p.Frame, $"keep-alive probe from the {Vocabulary.Name(s.SentBy)}, unanswered")));
        if (idle.Stall is { } stall)
            evidence.Add(new(stall.LastFrame, $"the {Vocabulary.Name(stall.By)} {FindingWords.StallWords(stall, $"the {Vocabulary.Name(Other(stall.By))}")} " +
                                              $"(frames {stall.FirstFrame}-{stall.LastFrame})"));
        foreach (var (side, data) in new[] { (Side.Client, s.Client), (Side.Server, s.Server) })
            if (data.Unseen > 0 && data.ProvingAck is { } ack)
                evidence.Add(new(ack.Frame, $"the {Vocabulary.Name(side == Side.Client ? Side.Server : Side.Client)}'s ACKs acknowledge " +
                                            $"{data.Unseen.ToString("N0", CultureInfo.InvariantCulture)} bytes from the {Vocabulary.Name(side)} " +
                                            "this capture does not hold: it saw one direction"));
        if (idle.Trigger is { } trigger && trigger != s.Syn)
            evidence.Add(new(trigger.Frame, $"{Who(trigger)} packet the RST answers"));
        if (h2Abort is not null)
            evidence.Add(new(h2Abort.Frame, $"HTTP/2: {h2Abort}"));
        evidence.Add(new(s.Rst.Frame, RstNote(s)));
        evidence.AddRange(origin.Evidence);
        return evidence
            .GroupBy(e => (e.Frame, e.Note)).Select(g => g.First())
            .OrderBy(e => e.Frame).ToList();
    }

    private static string AlertNote(TlsAlert alert)
    {
        var who = Vocabulary.Name(alert.By);
        return alert.Kind switch
        {
            TlsAlertKind.Closure => $"TLS alert {alert.Description} ({alert.Level}) from the {who}: a closure alert, a close rather than an error",
            TlsAlertKind.EncryptedEndingHandshake => $"encrypted TLS alert from the {who}, ending the handshake: probably fatal (its description cannot be read without keys)",
            TlsAlertKind.EncryptedClosing => $"encrypted TLS alert from the {who} after the handshake, as its sender closed: most likely close_notify",
            TlsAlertKind.Encrypted => $"encrypted TLS alert from the {who} (its description cannot be read without keys)",
            _ => $"TLS alert {alert.Description} ({alert.Level}) from the {who}",
        };
    }

    /// <summary>Server data the client had not acknowledged by its RST, or server data arriving after it.</summary>
    private static bool UnreadServerData(ResetSnapshot s)
    {
        var packets = s.Connection.Packets;
        var server = packets.Take(s.RstIndex).Where(p => !s.IsFromClient(p) && p.PayloadLength > 0 && p.Seq is not null).ToList();
        if (packets.Skip(s.RstIndex + 1).Any(p => !s.IsFromClient(p) && p.PayloadLength > 0))
            return true;
        var acks = packets.Take(s.RstIndex + 1).Where(p => s.IsFromClient(p) && p.Has(TcpFlags.Ack) && p.Ack is not null).Select(p => p.Ack!.Value).ToList();
        if (server.Count == 0 || acks.Count == 0)
            return false;
        var end = server.Select(SeqSpace.Next).Aggregate((a, b) => SeqSpace.After(a, b) ? a : b);
        return SeqSpace.After(end, acks.Aggregate((a, b) => SeqSpace.After(a, b) ? a : b));
    }

    /// <summary>The first packet after the RST once both sides have sent a non-RST packet after it.</summary>
    private static long? WentOn(ResetSnapshot s)
    {
        var after = s.Connection.Packets.Skip(s.RstIndex + 1).Where(p => !p.Has(TcpFlags.Rst)).ToList();
        var client = after.FirstOrDefault(s.IsFromClient);
        var server = after.FirstOrDefault(p => !s.IsFromClient(p));
        return client is null || server is null ? null : Math.Max(client.Frame, server.Frame);
    }

    /// <summary>A RST made 0 hops from the capture point for a sender that is farther: a device on the
    /// capture point's own segment made it.</summary>
    private static string? LocalMaker(ResetSnapshot s)
    {
        if (s.Rst.HopCount is not { } hops || new HopDistance(hops).Hops != 0 || s.Rst.SourceMac is not { } mac)
            return null;
        var own = s.Connection.Packets.Where(p => s.IsFromClient(p) == s.IsFromClient(s.Rst) && !p.Has(TcpFlags.Rst))
            .Select(p => p.HopCount).OfType<int>().ToList();
        return own.Count > 0 && own.All(h => new HopDistance(h).Hops > 0) ? mac : null;
    }

    private static Side Other(Side side) => side == Side.Client ? Side.Server : Side.Client;

    private static string RstNote(ResetSnapshot s)
    {
        var rst = s.Rst;
        var flags = rst.Has(TcpFlags.Ack) ? "RST/ACK" : "RST";
        var count = s.RstCount > 1 ? $", first of {s.RstCount.ToString(CultureInfo.InvariantCulture)}" : "";
        var sender = new Endpoint(rst.Source!, rst.SourcePort ?? 0);
        return $"{flags} from the {Vocabulary.Name(s.SentBy)} ({sender}{count})";
    }
}
