using System.Text.Json;
using System.Text.Json.Nodes;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>findings.json: a <see cref="FindingsDocument"/> as the <see cref="FindingsFile"/> records the spec
/// describes, written and read back through <see cref="FindingsJsonContext"/>.</summary>
public static class FindingsJson
{
    public static FindingsFile ToFile(FindingsDocument document) => new(
        FindingsDocument.Schema,
        Capture(document.Capture),
        document.Resets.Select(Finding).ToList(),
        document.Patterns.Select(Pattern).ToList(),
        document.Errors,
        document.Pair is { } pair ? Pair(pair) : null,
        document.Aggregated is { } rest ? Aggregated(rest) : null);

    public static string Serialize(FindingsDocument document) =>
        JsonSerializer.Serialize(ToFile(document), FindingsJsonContext.Indented.FindingsFile) + "\n";

    /// <summary>The document as a JSON tree, to compare or query in tests.</summary>
    public static JsonObject ToJson(FindingsDocument document) =>
        JsonSerializer.SerializeToNode(ToFile(document), FindingsJsonContext.Indented.FindingsFile)!.AsObject();

    /// <summary>Writes what <see cref="Serialize"/> returns, one finding at a time: ten thousand findings as one
    /// document in memory took more than the rest of the analysis.</summary>
    public static void Write(FindingsDocument document, Stream stream)
    {
        var json = FindingsJsonContext.Indented;
        var file = ToFile(document with { Resets = [] });
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = json.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", file.Schema);
            writer.WritePropertyName("capture");
            JsonSerializer.Serialize(writer, file.Capture, json.CaptureBlock);
            if (file.Pair is { } pair)
            {
                writer.WritePropertyName("pair");
                JsonSerializer.Serialize(writer, pair, json.PairBlock);
            }
            writer.WriteStartArray("resets");
            foreach (var finding in document.Resets)
            {
                JsonSerializer.Serialize(writer, Finding(finding), json.Reset);
                writer.Flush(); // the writer buffers until flushed
            }
            writer.WriteEndArray();
            if (file.Aggregated is { } aggregated)
            {
                writer.WritePropertyName("aggregated");
                JsonSerializer.Serialize(writer, aggregated, json.AggregatedBlock);
            }
            writer.WritePropertyName("patterns");
            JsonSerializer.Serialize(writer, file.Patterns, json.IReadOnlyListPatternBlock);
            writer.WritePropertyName("errors");
            JsonSerializer.Serialize(writer, file.Errors, json.IReadOnlyListString);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A findings.json read back; a <see cref="JsonException"/> when it is not one this version can read whole.</summary>
    public static FindingsFile Read(Stream stream) =>
        JsonSerializer.Deserialize(stream, FindingsJsonContext.Indented.FindingsFile) ?? throw new JsonException("findings.json holds null");

    /// <summary>An idle-timer pattern's details, typed.</summary>
    public static FindingsFile.IdleTimerDetails IdleTimer(JsonObject details) =>
        details.Deserialize(FindingsJsonContext.Indented.IdleTimerDetails) ?? new FindingsFile.IdleTimerDetails(null);

    public static FindingsFile.AggregatedBlock Aggregated(ResetAggregate a) => new(
        a.Resets, a.FirstRstFrame, a.LastRstFrame, a.Verdicts, a.Origins,
        a.BusiestServers.Select(s => new FindingsFile.ServerCount(s.Server, s.Resets)).ToList());

    /// <summary>The pairing as a whole: the other capture, which end this one is, the clocks, the matches.</summary>
    public static FindingsFile.PairBlock Pair(PairSummary p) => new(
        p.Capture, p.Path, p.ThisSide, p.Sides, p.ClockOffsetSeconds, p.OneWayDelaySeconds, p.Connections, p.ConnectionsThere,
        Enum.GetValues<MatchBasis>().ToDictionary(Vocabulary.Name, b => p.Matched.GetValueOrDefault(b)));

    public static FindingsFile.CaptureBlock Capture(CaptureInfo c) =>
        new(c.Path, c.Name, c.Sha256, c.Packets, Formatting.Time(c.First), Formatting.Time(c.Last), c.Tshark);

    public static FindingsFile.Reset Finding(ResetFinding f) => new(
        Endpoint(f.Client),
        Endpoint(f.Server),
        f.RstFrame,
        Formatting.Time(f.RstTime),
        f.RstCount,
        f.SentBy,
        f.Origin,
        f.Phase,
        f.Verdict,
        f.Confidence,
        f.IdleBeforeSeconds,
        f.Summary,
        f.Evidence.Select(e => new FindingsFile.EvidenceLine(e.Frame, e.Note)).ToList(),
        f.NextSteps,
        f.Tls is { } t ? new(t.Sni, t.Alpn, t.Versions, t.Alert is { } a ? new(a.By, a.Level, a.Description, a.Frame) : null,
            t.ClientHelloFrame, t.ServerHelloFrame) : null,
        f.Http is { } h ? new(h.Method, h.Host, h.Uri, h.Status, h.RequestFrame, h.ResponseFrame, h.RequestBytes) : null,
        f.WiresharkFilter,
        f.CommunityId,
        f.Tampering?.Name,
        f.Tampering?.Stage,
        f.App is { } app ? new(app.Protocol, Message(app.Client), Message(app.Server)) : null,
        f.Device is { } d ? new(d.Vendor, d.Reason, d.Frame) : null,
        f.History,
        f.ServerNames,
        f.Pair is { } pair ? new(pair.Capture, pair.RstFrameThere, pair.RstLeftSender, pair.ClockOffsetSeconds) : null);

    private static FindingsFile.MessageBlock? Message(AppMessage? m) => m is null ? null : new(m.Frame, m.Text);

    private static FindingsFile.EndpointBlock Endpoint(Endpoint e) => new(e.Address.ToString(), e.Port);

    private static FindingsFile.PatternBlock Pattern(Pattern p) => new(p.Kind, p.Summary, p.Connections, PatternDetails.ToJson(p.Details));
}
