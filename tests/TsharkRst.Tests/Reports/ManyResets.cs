using System.Net;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Patterns;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reports;

/// <summary>A findings document with many resets: three verdicts in turn, at 40 server addresses
/// in turn (so each verdict meets every server 25 times per 1000 resets), one second apart; one pattern.</summary>
internal static class ManyResets
{
    public static readonly Verdict[] Verdicts = [Verdict.PortClosed, Verdict.IdleTimeout, Verdict.ResponseAborted];
    public const int Servers = 40;

    public static FindingsDocument Document(int count)
    {
        var template = Talk.Handshake().Client(Psh | Ack, 100).Server(Rst | Ack).Diagnose();
        var start = template.RstTime;
        var resets = Enumerable.Range(0, count).Select(i => template with
        {
            Verdict = Verdicts[i % Verdicts.Length],
            Server = new Endpoint(IPAddress.Parse($"198.51.100.{i % Servers + 1}"), 443),
            Client = new Endpoint(Talk.ClientIp, 40000 + i % 20000),
            RstFrame = 10 + i * 5,
            RstTime = start.AddSeconds(i),
            IdleBeforeSeconds = i % 7 * 1.5,
        }).ToList();
        var capture = new CaptureInfo("/caps/many.pcap", "many.pcap", "00", count * 5 + 10, start, start.AddSeconds(count), "TShark 4.0");
        var pattern = new Pattern("reset-rate", "198.51.100.1:443 <b>reset</b> every connection", Servers,
            new Dictionary<string, object?> { ["share"] = 1.0, ["verdicts"] = Verdicts.Select(Vocabulary.Name).ToArray() });
        return new FindingsDocument(capture, resets, [pattern], []);
    }
}
