namespace TsharkRst.Findings;

/// <summary>The HTTP/1.x request a reset followed: the client's last request before the RST and the
/// server's response to it, if one came before the RST.</summary>
public static class HttpContextRule
{
    public static HttpContext? Of(ResetSnapshot s)
    {
        var before = s.Before.ToList();
        var request = before.LastOrDefault(p => s.IsFromClient(p) && p.HttpMethod is not null);
        if (request is null)
            return null;
        var response = before.FirstOrDefault(p => !s.IsFromClient(p) && p.HttpStatus is not null && p.Frame > request.Frame);
        var requestBytes = before.Where(s.IsFromClient).Sum(p => (long)p.PayloadLength);
        return new HttpContext(request.HttpMethod, request.HttpHost, request.HttpUri, response?.HttpStatus, request.Frame, response?.Frame, requestBytes);
    }
}
