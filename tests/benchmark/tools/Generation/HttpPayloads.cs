using System.Text;

namespace TsharkRst.Benchmark.Generation;

/// <summary>The application bytes of the generated connections, made once: HTTP requests and
/// responses of a few shapes, so tshark dissects them as HTTP and reports show real context.</summary>
internal static class HttpPayloads
{
    private const int Variants = 16;

    /// <summary>A TCP segment's worth of a response body: what an aborted download sends per segment.</summary>
    public const int SegmentSize = 1448;

    private static readonly byte[][] ShopRequests = Make(i =>
        $"GET /api/items/{1000 + i * 37} HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: application/json\r\n\r\n");

    private static readonly byte[][] ShopResponses = Make(i =>
    {
        var body = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 2 + i * 3).Select(n => $"{{\"id\":{n},\"qty\":{n % 7}}}")) + "]}";
        return $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
    });

    private static readonly byte[][] ExportRequests = Make(i =>
        $"GET /export/report-{i}.csv HTTP/1.1\r\nHost: files.example\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n");

    /// <summary>The first three segments of a 250 kB CSV download: headers, then rows.</summary>
    private static readonly byte[] Export = Encoding.ASCII.GetBytes(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 250000\r\n\r\n" +
         string.Concat(Enumerable.Range(0, 200).Select(n => $"{n},2026-11-21T09:00:{n % 60:00}Z,sensor-{n % 17},{n * 3.5:F1}\n")))[..(3 * SegmentSize)]);

    private static readonly byte[][] AttackRequests = Make(i =>
        $"GET /cgi-bin/{(i % 2 == 0 ? "status" : "test.cgi")}?q=../../../../etc/passwd HTTP/1.1\r\nHost: www.example\r\nUser-Agent: () {{ :; }}; /bin/bash -c id\r\n\r\n");

    public static ReadOnlyMemory<byte> NotFound { get; } = Encoding.ASCII.GetBytes(
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found");

    public static ReadOnlyMemory<byte> ShopRequest(int i) => ShopRequests[i % Variants];

    public static ReadOnlyMemory<byte> ShopResponse(int i) => ShopResponses[i % Variants];

    public static ReadOnlyMemory<byte> ExportRequest(int i) => ExportRequests[i % Variants];

    /// <summary>Segment <paramref name="k"/> (0 to 2) of an export download.</summary>
    public static ReadOnlyMemory<byte> ExportSegment(int k) => Export.AsMemory(k * SegmentSize, SegmentSize);

    public static ReadOnlyMemory<byte> AttackRequest(int i) => AttackRequests[i % Variants];

    private static byte[][] Make(Func<int, string> text) =>
        Enumerable.Range(0, Variants).Select(i => Encoding.ASCII.GetBytes(text(i))).ToArray();
}
