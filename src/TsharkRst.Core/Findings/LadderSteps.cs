using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The packets a ladder diagram shows: the handshake, the packets that carry the story
/// (TLS hellos and alert, the HTTP request and response, the first FIN), the last packets before
/// the first RST, the RST and a few after it; what lies between is counted, not listed.</summary>
public static class LadderSteps
{
    public const int Head = 3;
    public const int BeforeRst = 8;
    public const int AfterRst = 3;

    /// <summary>A run of left-out packets this short is drawn instead: a break would take as much room.</summary>
    public const int ShortestElision = 3;

    public static IReadOnlyList<LadderStep> Of(ResetSnapshot s)
    {
        var packets = s.Connection.Packets;
        var keep = new SortedSet<int>();
        for (var i = 0; i < Math.Min(Head, s.RstIndex); i++)
            keep.Add(i);
        for (var i = Math.Max(0, s.RstIndex - BeforeRst); i <= Math.Min(packets.Count - 1, s.RstIndex + AfterRst); i++)
            keep.Add(i);
        var key = KeyFrames(s);
        for (var i = 0; i < s.RstIndex; i++)
            if (key.Contains(packets[i].Frame))
                keep.Add(i);

        foreach (var (from, to) in keep.Zip(keep.Skip(1)).ToList())
            if (to - from - 1 < ShortestElision)
                for (var i = from + 1; i < to; i++)
                    keep.Add(i);

        var start = packets[0].Time;
        var steps = new List<LadderStep>(keep.Count);
        var previous = -1;
        foreach (var i in keep)
        {
            var p = packets[i];
            steps.Add(Step(p, (p.Time - start).TotalSeconds, s.IsFromClient(p), s) with { ElidedBefore = i - previous - 1 });
            previous = i;
        }
        return steps;
    }

    /// <summary>One packet as a ladder step, <paramref name="offset"/> seconds after the connection's
    /// first packet; <paramref name="s"/> names an alert whose description is encrypted (null: none known).</summary>
    public static LadderStep Step(PacketRow p, double offset, bool fromClient, ResetSnapshot? s) => new()
    {
        Frame = p.Frame,
        Offset = Math.Round(offset, 6),
        FromClient = fromClient,
        Flags = FlagsText(p.Flags ?? TcpFlags.None),
        Length = p.PayloadLength,
        Label = Label(p, s),
        Detail = Detail(p),
        IsRst = p.Has(TcpFlags.Rst),
        Retransmission = p.Retransmission,
    };

    /// <summary>Flags in Wireshark's order (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR).</summary>
    public static string FlagsText(TcpFlags flags)
    {
        var names = Enum.GetValues<TcpFlags>().Where(f => f != TcpFlags.None && flags.HasFlag(f))
            .Select(f => f.ToString().ToUpperInvariant());
        var text = string.Join("/", names);
        return text.Length > 0 ? text : "none";
    }

    private static HashSet<long> KeyFrames(ResetSnapshot s)
    {
        var http = HttpContextRule.Of(s);
        return new[] { s.ClientHello?.Frame, s.ServerHello?.Frame, s.Alert?.Frame, http?.RequestFrame, http?.ResponseFrame, s.FirstFin?.Frame }
            .OfType<long>().ToHashSet();
    }

    private static string? Label(PacketRow p, ResetSnapshot? s)
    {
        var parts = new List<string>();
        if (p.HttpMethod is { } method)
            parts.Add($"{method} {p.HttpUri}".TrimEnd());
        if (p.HttpStatus is { } status)
            parts.Add($"HTTP {status}");
        foreach (var type in p.TlsHandshakeTypes.Distinct())
            parts.Add(type == TlsNames.ClientHello && p.TlsServerName is { } sni
                ? $"ClientHello {sni}"
                : HandshakeName(type));
        if (p.TlsContentTypes.Contains(TlsNames.Alert))
            parts.Add(p.TlsAlertDescriptions.Count > 0 ? "alert " + TlsNames.AlertDescription(p.TlsAlertDescriptions[0]) : "encrypted alert");
        else if (s?.Alert is { Description: null } hidden && hidden.Frame == p.Frame)
            parts.Add("encrypted alert");
        if (p.TlsContentTypes.Contains(TlsNames.ChangeCipherSpec))
            parts.Add("ChangeCipherSpec");
        if (parts.Count == 0 && p.TlsContentTypes.Contains(TlsNames.ApplicationData))
            parts.Add("TLS application data");
        return parts.Count > 0 ? string.Join(", ", parts) : null;
    }

    private static string HandshakeName(int type) => type switch
    {
        1 => "ClientHello",
        2 => "ServerHello",
        4 => "NewSessionTicket",
        8 => "EncryptedExtensions",
        11 => "Certificate",
        12 => "ServerKeyExchange",
        13 => "CertificateRequest",
        14 => "ServerHelloDone",
        15 => "CertificateVerify",
        16 => "ClientKeyExchange",
        20 => "Finished",
        _ => $"handshake {type}",
    };

    private static string? Detail(PacketRow p)
    {
        if (p.HttpMethod is null)
            return null;
        var parts = new List<string>();
        if (p.HttpHost is { } host)
            parts.Add("Host: " + host);
        if (p.HttpUserAgent is { } agent)
            parts.Add("User-Agent: " + agent);
        return parts.Count > 0 ? string.Join(" · ", parts) : null;
    }
}
