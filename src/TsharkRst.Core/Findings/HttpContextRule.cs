using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>The HTTP request a reset followed: the client's last HTTP/1.x request before the RST, or
/// the last HTTP/2 request (readable with TLS keys), and the server's response to it on that stream, if
/// one came before the RST.</summary>
public static class HttpContextRule
{
    public static HttpContext? Of(ResetSnapshot s)
    {
        var before = s.Before.ToList();
        var requestBytes = before.Where(s.IsFromClient).Sum(p => (long)p.PayloadLength);
        var request = before.LastOrDefault(p => s.IsFromClient(p) && p.HttpMethod is not null);
        if (request is not null)
        {
            var response = before.FirstOrDefault(p => !s.IsFromClient(p) && p.HttpStatus is not null && p.Frame > request.Frame);
            return new HttpContext(request.HttpMethod, request.HttpHost, request.HttpUri, response?.HttpStatus, request.Frame, response?.Frame, requestBytes);
        }
        var h2 = before.LastOrDefault(p => s.IsFromClient(p) && p.Http2Method is not null);
        if (h2 is null)
            return null;
        var stream = StreamOf(h2);
        var answer = before.FirstOrDefault(p => !s.IsFromClient(p) && p.Frame > h2.Frame && p.Http2Status is not null &&
                                                (stream is null || p.Http2Streams.Contains(stream.Value)));
        return new HttpContext(h2.Http2Method, h2.Http2Authority, h2.Http2Path, answer?.Http2Status, h2.Frame, answer?.Frame, requestBytes);
    }

    /// <summary>The last RST_STREAM or GOAWAY before the TCP RST, with its error codes.</summary>
    public static Http2Abort? AbortOf(ResetSnapshot s)
    {
        var packet = s.Before.LastOrDefault(p => p.Http2RstStreamError is not null || p.Http2GoAwayError is not null);
        if (packet is null)
            return null;
        var frames = new List<string>();
        if (packet.Http2RstStreamError is { } reset)
            frames.Add($"RST_STREAM ({Http2Names.Error(reset)})" + (StreamOf(packet, Http2Names.RstStream) is { } id ? $" on stream {id}" : ""));
        if (packet.Http2GoAwayError is { } goAway)
            frames.Add($"GOAWAY ({Http2Names.Error(goAway)})");
        return new Http2Abort(s.IsFromClient(packet) ? Side.Client : Side.Server, string.Join(" and ", frames), packet.Frame);
    }

    /// <summary>The stream of the packet's first frame of <paramref name="type"/> (HEADERS by default).</summary>
    private static long? StreamOf(PacketRow packet, int type = Http2Names.Headers)
    {
        for (var i = 0; i < packet.Http2Types.Count && i < packet.Http2Streams.Count; i++)
            if (packet.Http2Types[i] == type)
                return packet.Http2Streams[i];
        return null;
    }
}
