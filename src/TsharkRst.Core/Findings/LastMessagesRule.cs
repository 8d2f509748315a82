using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The last application message each way before the RST: a packet whose protocol stack goes on
/// past TCP (and past TLS, when keys made it readable) into a protocol tshark dissects. Its text is
/// tshark's summary (the Info column), or the query itself for database protocols whose summary is a
/// one-letter code.</summary>
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
        if (latest is null)
            return null;
        return new LastMessages(Protocol(latest)!, Message(client), Message(server));
    }

    /// <summary>The protocol right above TCP, or above TLS, unless that is no application protocol.</summary>
    public static string? Protocol(PacketRow packet)
    {
        if (packet.PayloadLength == 0 || packet.Protocols is not { } stack)
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
        var query = packet.PgsqlQuery ?? packet.MysqlQuery;
        var text = query is not null ? $"Query: {query}" : packet.Info?.Trim() ?? "";
        return new AppMessage(packet.Frame, text.Length <= MaxText ? text : text[..MaxText] + "…");
    }
}
