using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>findings.json: the spec's schema, names exactly as spec/findings.md writes them.</summary>
public static class FindingsJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(FindingsDocument document) => ToJson(document).ToJsonString(Options) + "\n";

    /// <summary>Writes what <see cref="Serialize"/> returns, one finding at a time: ten thousand findings
    /// as one document tree took more memory than the rest of the analysis.</summary>
    public static void Write(FindingsDocument document, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            json.WriteStartObject();
            foreach (var (name, node) in ToJson(document with { Resets = [] }))
            {
                json.WritePropertyName(name);
                if (name != "resets")
                {
                    WriteNode(json, node);
                    continue;
                }
                json.WriteStartArray();
                foreach (var finding in document.Resets)
                {
                    Finding(finding).WriteTo(json, Options);
                    json.Flush(); // the writer buffers until flushed
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void WriteNode(Utf8JsonWriter json, JsonNode? node)
    {
        if (node is null)
            json.WriteNullValue();
        else
            node.WriteTo(json, Options);
    }

    public static JsonObject ToJson(FindingsDocument document)
    {
        var json = new JsonObject
        {
            ["schema"] = FindingsDocument.Schema,
            ["capture"] = Capture(document.Capture),
            ["resets"] = new JsonArray(document.Resets.Select(f => (JsonNode)Finding(f)).ToArray()),
            ["patterns"] = new JsonArray(document.Patterns.Select(p => (JsonNode)Pattern(p)).ToArray()),
            ["errors"] = new JsonArray(document.Errors.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
        };
        if (document.Aggregated is { } rest)
            json.Insert(3, "aggregated", Aggregated(rest));
        // Only a paired analysis has it, beside the capture it describes.
        if (document.Pair is { } pair)
            json.Insert(2, "pair", Pair(pair));
        return json;
    }

    public static JsonObject Aggregated(ResetAggregate a) => new()
    {
        ["resets"] = a.Resets,
        ["firstRstFrame"] = a.FirstRstFrame,
        ["lastRstFrame"] = a.LastRstFrame,
        ["verdicts"] = new JsonObject(a.Verdicts.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        ["origins"] = new JsonObject(a.Origins.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        ["busiestServers"] = new JsonArray(a.BusiestServers
            .Select(s => (JsonNode)new JsonObject { ["server"] = s.Server, ["resets"] = s.Resets }).ToArray()),
    };

    /// <summary>The pairing as a whole: the other capture, which end this one is, the clocks, the matches.</summary>
    public static JsonObject Pair(PairSummary p) => new()
    {
        ["capture"] = p.Capture,
        ["path"] = p.Path,
        ["side"] = Vocabulary.Name(p.ThisSide),
        ["sides"] = p.Sides,
        ["clockOffsetSeconds"] = p.ClockOffsetSeconds,
        ["oneWayDelaySeconds"] = p.OneWayDelaySeconds,
        ["connections"] = p.Connections,
        ["connectionsThere"] = p.ConnectionsThere,
        ["matched"] = new JsonObject(Enum.GetValues<MatchBasis>()
            .Select(b => KeyValuePair.Create(Vocabulary.Name(b), (JsonNode?)p.Matched.GetValueOrDefault(b)))),
    };

    public static JsonObject Capture(CaptureInfo c) => new()
    {
        ["path"] = c.Path,
        ["name"] = c.Name,
        ["sha256"] = c.Sha256,
        ["packets"] = c.Packets,
        ["first"] = Formatting.Time(c.First),
        ["last"] = Formatting.Time(c.Last),
        ["tshark"] = c.Tshark,
    };

    public static JsonObject Finding(ResetFinding f)
    {
        var json = Fields(f);
        if (f.Pair is { } pair)
            json["pair"] = new JsonObject
            {
                ["capture"] = pair.Capture,
                ["rstFrameThere"] = pair.RstFrameThere,
                ["rstLeftSender"] = pair.RstLeftSender,
                ["clockOffsetSeconds"] = pair.ClockOffsetSeconds,
            };
        return json;
    }

    private static JsonObject Fields(ResetFinding f) => new()
    {
        ["client"] = Endpoint(f.Client),
        ["server"] = Endpoint(f.Server),
        ["rstFrame"] = f.RstFrame,
        ["rstTime"] = Formatting.Time(f.RstTime),
        ["rstCount"] = f.RstCount,
        ["sentBy"] = Vocabulary.Name(f.SentBy),
        ["origin"] = Vocabulary.Name(f.Origin),
        ["phase"] = Vocabulary.Name(f.Phase),
        ["verdict"] = Vocabulary.Name(f.Verdict),
        ["confidence"] = Vocabulary.Name(f.Confidence),
        ["idleBeforeSeconds"] = f.IdleBeforeSeconds,
        ["summary"] = f.Summary,
        ["evidence"] = new JsonArray(f.Evidence.Select(e => (JsonNode)new JsonObject { ["frame"] = e.Frame, ["note"] = e.Note }).ToArray()),
        ["nextSteps"] = Strings(f.NextSteps),
        ["tls"] = f.Tls is { } tls ? Tls(tls) : null,
        ["http"] = f.Http is { } http ? Http(http) : null,
        ["wiresharkFilter"] = f.WiresharkFilter,
        ["app"] = f.App is { } app
            ? new JsonObject { ["protocol"] = app.Protocol, ["client"] = Message(app.Client), ["server"] = Message(app.Server) }
            : null,
        ["device"] = f.Device is { } d ? new JsonObject { ["vendor"] = d.Vendor, ["reason"] = d.Reason, ["frame"] = d.Frame } : null,
        ["history"] = f.History,
        ["serverNames"] = Strings(f.ServerNames),
    };

    private static JsonObject? Message(AppMessage? m) => m is null ? null : new JsonObject { ["frame"] = m.Frame, ["text"] = m.Text };

    private static JsonObject Endpoint(Endpoint e) => new() { ["ip"] = e.Address.ToString(), ["port"] = e.Port };

    private static JsonObject Tls(TlsContext t) => new()
    {
        ["sni"] = t.Sni,
        ["alpn"] = Strings(t.Alpn),
        ["versions"] = Strings(t.Versions),
        ["alert"] = t.Alert is { } a
            ? new JsonObject { ["by"] = Vocabulary.Name(a.By), ["level"] = a.Level, ["description"] = a.Description, ["frame"] = a.Frame }
            : null,
        ["clientHelloFrame"] = t.ClientHelloFrame,
        ["serverHelloFrame"] = t.ServerHelloFrame,
    };

    private static JsonObject Http(HttpContext h) => new()
    {
        ["method"] = h.Method,
        ["host"] = h.Host,
        ["uri"] = h.Uri,
        ["status"] = h.Status,
        ["requestFrame"] = h.RequestFrame,
        ["responseFrame"] = h.ResponseFrame,
        ["requestBytes"] = h.RequestBytes,
    };

    private static JsonObject Pattern(Pattern p) => new()
    {
        ["kind"] = p.Kind,
        ["summary"] = p.Summary,
        ["connections"] = p.Connections,
        ["details"] = JsonSerializer.SerializeToNode(p.Details),
    };

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
