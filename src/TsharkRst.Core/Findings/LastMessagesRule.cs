using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The last application message each way before the RST: a packet whose protocol stack goes on
/// past TCP (and past TLS, when keys made it readable) into a protocol tshark dissects. Its text is
/// tshark's summary (the Info column), or, for PostgreSQL and MySQL, whose summary is a one-letter code,
/// the message types and the query. Messages before a STARTTLS upgrade are not the last words.</summary>
public static class LastMessagesRule
{
    public const int MaxText = 160;

    /// <summary>What follows TCP or TLS without being an application message.</summary>
    private static readonly string[] NotApplication = ["data", "tls", "ssl", "x509", "pkcs", "pkix", "cms", "ocsp", "tcp"];

    /// <summary>Session layers that carry the application protocol (NetBIOS sessions carry SMB, TPKT and
    /// COTP carry RDP and ISO protocols).</summary>
    private static readonly string[] Carriers = ["nbss", "tpkt", "cotp"];

    public static LastMessages? Of(ResetSnapshot s)
    {
        var before = s.Before.ToList();
        var client = before.LastOrDefault(p => s.IsFromClient(p) && Protocol(p) is not null);
        var server = before.LastOrDefault(p => !s.IsFromClient(p) && Protocol(p) is not null);
        var latest = (client?.Frame ?? 0) > (server?.Frame ?? 0) ? client : server;
        if (latest is null || before.Any(p => p.Frame > latest.Frame && p.TlsHandshakeTypes.Contains(TlsNames.ClientHello)))
            return null;
        return new LastMessages(Protocol(latest)!, Message(client), Message(server));
    }

    /// <summary>The protocol right above TCP, or above TLS, unless that is no application protocol.</summary>
    public static string? Protocol(PacketRow packet)
    {
        // A summary that is TCP's own ("80 → 1234 [ACK] Seq=…") means tshark found no message in the segment.
        if (packet.PayloadLength == 0 || packet.Protocols is not { } stack || packet.Info?.Contains("Seq=", StringComparison.Ordinal) == true)
            return null;
        var layers = stack.Split(':');
        var tcp = Array.LastIndexOf(layers, "tcp");
        if (tcp < 0 || tcp + 1 >= layers.Length)
            return null;
        var next = tcp + 1;
        if (layers[next] is "tls" or "ssl")
            next++;
        while (next + 1 < layers.Length && Carriers.Contains(layers[next]))
            next++;
        if (next >= layers.Length || NotApplication.Any(prefix => layers[next].StartsWith(prefix, StringComparison.Ordinal)))
            return null;
        return layers[next];
    }

    private static AppMessage? Message(PacketRow? packet)
    {
        if (packet is null)
            return null;
        var types = Collapsed(packet.PgsqlTypes);
        var query = packet.PgsqlQuery ?? packet.MysqlQuery;
        var text = (types, query) switch
        {
            ({ Length: > 0 }, { } q) => $"{types}: {q}",
            ({ Length: > 0 }, null) => types,
            (_, { } q) => $"Query: {q}",
            _ => packet.Info?.Trim() ?? "",
        };
        return new AppMessage(packet.Frame, text.Length <= MaxText ? text : text[..MaxText] + "…");
    }

    /// <summary>"Parameter status ×13, Ready for query": repeats counted.</summary>
    private static string Collapsed(IReadOnlyList<string> types)
    {
        var parts = new List<string>();
        for (var i = 0; i < types.Count;)
        {
            var run = 1;
            while (i + run < types.Count && types[i + run] == types[i])
                run++;
            parts.Add(run > 1 ? $"{types[i]} ×{run}" : types[i]);
            i += run;
        }
        return string.Join(", ", parts);
    }
}
