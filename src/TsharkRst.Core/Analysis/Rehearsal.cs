using System.Net;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Patterns;
using TsharkRst.Reports;
using TsharkRst.Rows;

namespace TsharkRst.Analysis;

/// <summary>The conclusion of a made-up connection (an HTTP request the server resets), rendered and serialised to
/// nowhere, run once the first capture with a RST waits for tshark: the diagnosis, the templates and the writers are
/// loaded and compiled on a core that would otherwise wait, not after tshark's last row, where they were most of a
/// small capture's time after tshark. Nothing of it is written or kept.</summary>
internal static class Rehearsal
{
    public static Task RunAsync(AnalysisSettings settings) => Task.Run(() =>
    {
        try
        {
            Conclude(settings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A rehearsal that fails costs its time and nothing else: the real conclusion reports its own failures.
        }
    });

    /// <summary>The made-up connection's document, rendered and serialised to nowhere.</summary>
    internal static FindingsDocument Conclude(AnalysisSettings settings)
    {
        var rows = Rows().ToList();
        var (assembled, index) = ConnectionAssembly.Assemble(rows);
        var finding = ResetSnapshot.Take(assembled.Single()) is { } snapshot
            ? ResetDiagnosis.Diagnose(snapshot, settings.Diagnosis, new AddressProfiles(), [], null)
            : null;
        ResetFinding[] findings = finding is null ? [] : [finding];
        var connections = new ConnectionSummaries(index, new Dictionary<int, ConnectionSummary>());
        var info = new CaptureInfo("rehearsal.pcapng", "rehearsal.pcapng", null, rows.Count, rows[0].Time, rows[^1].Time, "TShark");
        var document = new FindingsDocument(info, findings, PatternRules.Find(connections, findings, new AddressProfiles()), [])
        {
            Connections = connections,
        };
        var view = ReportView.From(document);
        // Twice: the templates read the views by reflection, interpreted on the first read of a property and through a
        // stub emitted (and compiled) on the second, which the real report would otherwise do after tshark's last row.
        for (var render = 0; render < 2; render++)
        {
            if (settings.Formats.HasFlag(OutputFormats.Markdown))
                settings.Templates.RenderMarkdown(view);
            if (settings.Formats.HasFlag(OutputFormats.Html))
                settings.Templates.RenderHtml(view);
        }
        if (settings.Formats.HasFlag(OutputFormats.Csv))
            ConnectionsCsv.Write(Stream.Null, document);
        FindingsJson.Write(document, Stream.Null);
        return document;
    }

    /// <summary>A client's request and the server's RST, as tshark's rows give them.</summary>
    private static IEnumerable<PacketRow> Rows()
    {
        var (client, server) = (IPAddress.Parse("192.0.2.1"), IPAddress.Parse("198.51.100.1"));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        PacketRow Row(long frame, bool fromClient, TcpFlags flags, uint seq, uint ack, int length) => new()
        {
            Frame = frame,
            Time = start.AddMilliseconds(frame),
            FrameLength = 54 + length,
            Protocols = length > 0 ? "eth:ethertype:ip:tcp:http" : "eth:ethertype:ip:tcp",
            EthSource = fromClient ? "02:00:00:00:00:01" : "02:00:00:00:00:02",
            EthDestination = fromClient ? "02:00:00:00:00:02" : "02:00:00:00:00:01",
            Ipv4Source = fromClient ? client : server,
            Ipv4Destination = fromClient ? server : client,
            Ttl = 64,
            IpId = (int)frame,
            TcpStream = 0,
            SourcePort = fromClient ? 40000 : 80,
            DestinationPort = fromClient ? 80 : 40000,
            Flags = flags,
            Seq = seq,
            Ack = ack,
            TcpLength = length,
            TcpHeaderLength = 20,
            Window = 64240,
            HttpMethod = length > 0 ? "GET" : null,
            HttpHost = length > 0 ? "www.example" : null,
            HttpUri = length > 0 ? "/" : null,
            Info = length > 0 ? "GET / HTTP/1.1" : null,
        };
        yield return Row(1, true, TcpFlags.Syn, 1000, 0, 0);
        yield return Row(2, false, TcpFlags.Syn | TcpFlags.Ack, 5000, 1001, 0);
        yield return Row(3, true, TcpFlags.Ack, 1001, 5001, 0);
        yield return Row(4, true, TcpFlags.Psh | TcpFlags.Ack, 1001, 5001, 40);
        yield return Row(5, false, TcpFlags.Rst | TcpFlags.Ack, 5001, 1041, 0);
    }
}
