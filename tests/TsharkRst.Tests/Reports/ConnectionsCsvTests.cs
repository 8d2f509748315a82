using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Tests.Rules;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Reports;

public class ConnectionsCsvTests
{
    [Fact]
    public void Every_connection_is_a_line_and_a_reset_one_names_its_first_RST_and_verdict()
    {
        var finding = Talk.Start().Client(Syn).Server(Rst | Ack).Diagnose();
        var at = new DateTimeOffset(2026, 11, 21, 14, 39, 57, TimeSpan.FromHours(2)).AddTicks(1234567);
        ConnectionSummary Summary(Endpoint client, Endpoint server, long first, long last, bool reset, string history, ConnState state) =>
            new(client, server, first, last, at, at.AddSeconds(1), last - first + 1, 10_000_000_000, 0, reset, history, state);
        var document = new FindingsDocument(new CaptureInfo("/c.pcap", "c.pcap", "00", 9, at, at, "TShark 4.0"), [finding], [], [])
        {
            Connections =
            [
                Summary(finding.Client, finding.Server, 1, 2, true, "Sr", ConnState.REJ),
                // The same endpoints again later (port reuse): the finding's RST is not in it.
                Summary(finding.Client, finding.Server, 3, 4, false, "ShADadFf", ConnState.SF),
                Summary(Endpoint.Parse("[2001:db8::1]:50000"), Endpoint.Parse("[2001:db8:0:0:0:0:0:2]:443"), 5, 9, false, "ShAD", ConnState.S1),
            ],
        };
        var path = Path.Combine(Path.GetTempPath(), $"tsharkrst-connections-{Guid.NewGuid():N}.csv");
        try
        {
            ConnectionsCsv.Write(path, document);
            Assert.Equal(
                "client,server,firstFrame,lastFrame,first,last,packets,clientBytes,serverBytes,history,rstFrame,verdict,connState,communityId\n" +
                $"{finding.Client},{finding.Server},1,2,2026-11-21T12:39:57.123456Z,2026-11-21T12:39:58.123456Z,2,10000000000,0,Sr,{finding.RstFrame},port-closed,REJ,1:nWA+yYPdE0Sz8bMrfv5yrRWRBp4=\n" +
                $"{finding.Client},{finding.Server},3,4,2026-11-21T12:39:57.123456Z,2026-11-21T12:39:58.123456Z,2,10000000000,0,ShADadFf,,,SF,1:nWA+yYPdE0Sz8bMrfv5yrRWRBp4=\n" +
                "[2001:db8::1]:50000,[2001:db8::2]:443,5,9,2026-11-21T12:39:57.123456Z,2026-11-21T12:39:58.123456Z,5,10000000000,0,ShAD,,,S1,1:YXqXufkGr4i6TbJJYF83fvyDLZ8=\n",
                File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
