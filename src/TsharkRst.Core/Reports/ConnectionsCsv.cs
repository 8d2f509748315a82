using CsvHelper;
using TsharkRst.Connections;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>connections.csv: every TCP connection of the capture with its history string, the verdict of
/// its first RST when it had one, Zeek's conn_state and its Community ID (both as in Zeek's conn.log).</summary>
public static class ConnectionsCsv
{
    public const string FileName = "connections.csv";

    private static readonly string[] Header =
    [
        "client", "server", "firstFrame", "lastFrame", "first", "last", "packets",
        "clientBytes", "serverBytes", "history", "rstFrame", "verdict", "connState", "communityId",
    ];

    public static void Write(string path, FindingsDocument document) => AtomicFile.Write(path, stream => Write(stream, document));

    public static void Write(Stream stream, FindingsDocument document)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, true);
        csv.WriteHeader(Header);
        // Looked up by endpoints: a search of every finding for every connection took minutes on a big capture.
        var byEndpoints = document.Resets.ToLookup(f => (f.Client, f.Server));
        // Written field by field, formatted in place: a string per cell made gigabytes of garbage for a million connections.
        Span<char> endpoint = stackalloc char[Endpoint.MaxLength];
        Span<char> communityId = stackalloc char[CommunityId.Length];
        foreach (var c in document.Connections)
        {
            var finding = FirstReset(byEndpoints[(c.Client, c.Server)], c);
            foreach (var side in (ReadOnlySpan<Endpoint>)[c.Client, c.Server])
            {
                side.TryFormat(endpoint, out var length);
                csv.WriteField(endpoint[..length]);
            }
            csv.WriteField(c.FirstFrame, default);
            csv.WriteField(c.LastFrame, default);
            csv.WriteField(c.First.ToUniversalTime(), Formatting.UtcTimeFormat);
            csv.WriteField(c.Last.ToUniversalTime(), Formatting.UtcTimeFormat);
            csv.WriteField(c.Packets, default);
            csv.WriteField(c.ClientBytes, default);
            csv.WriteField(c.ServerBytes, default);
            csv.WriteField(c.History);
            if (finding is null)
            {
                csv.WriteField("");
                csv.WriteField("");
            }
            else
            {
                csv.WriteField(finding.RstFrame, default);
                csv.WriteField(Vocabulary.Name(finding.Verdict));
            }
            csv.WriteField(c.ConnState.ToString());
            CommunityId.TryFormat(c.Client, c.Server, communityId, out var written);
            csv.WriteField(communityId[..written]);
            csv.EndRecord();
        }
    }

    private static ResetFinding? FirstReset(IEnumerable<ResetFinding> onEndpoints, ConnectionSummary c)
    {
        foreach (var f in onEndpoints)
            if (f.RstFrame >= c.FirstFrame && f.RstFrame <= c.LastFrame)
                return f;
        return null;
    }
}
