using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>findings.json field for field, as it is written and read back (spec/findings.md): names, order and
/// nulls are the file's. Vocabularies are the enums, written by their spec names. The keys a file may lack come last
/// with their defaults (a missing one is refused otherwise), and the order says where they are written.</summary>
public sealed record FindingsFile(
    [property: JsonPropertyOrder(0)] string Schema,
    [property: JsonPropertyOrder(1)] FindingsFile.CaptureBlock Capture,
    [property: JsonPropertyOrder(3)] IReadOnlyList<FindingsFile.Reset> Resets,
    [property: JsonPropertyOrder(5)] IReadOnlyList<FindingsFile.PatternBlock> Patterns,
    [property: JsonPropertyOrder(6)] IReadOnlyList<string> Errors,
    [property: JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindingsFile.PairBlock? Pair = null,
    [property: JsonPropertyOrder(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindingsFile.AggregatedBlock? Aggregated = null)
{
    public sealed record CaptureBlock(string Path, string Name, string? Sha256, long Packets, string? First, string? Last, string? Tshark);

    /// <summary>The pairing as a whole: the other capture, which end this one is, the clocks, the matches by way.</summary>
    public sealed record PairBlock(
        string Capture,
        string Path,
        [property: JsonConverter(typeof(SpecName<Side>))] Side Side,
        string Sides,
        double? ClockOffsetSeconds,
        double? OneWayDelaySeconds,
        int Connections,
        int ConnectionsThere,
        IReadOnlyDictionary<string, int> Matched);

    public sealed record Reset(
        EndpointBlock Client,
        EndpointBlock Server,
        long RstFrame,
        string RstTime,
        int RstCount,
        [property: JsonConverter(typeof(SpecName<Side>))] Side SentBy,
        [property: JsonConverter(typeof(SpecName<Origin>))] Origin Origin,
        [property: JsonConverter(typeof(SpecName<Phase>))] Phase Phase,
        [property: JsonConverter(typeof(SpecName<Verdict>))] Verdict Verdict,
        [property: JsonConverter(typeof(SpecName<Confidence>))] Confidence Confidence,
        double IdleBeforeSeconds,
        string Summary,
        IReadOnlyList<EvidenceLine> Evidence,
        IReadOnlyList<string> NextSteps,
        TlsBlock? Tls,
        HttpBlock? Http,
        string WiresharkFilter,
        string CommunityId,
        string? Tampering,
        [property: JsonConverter(typeof(SpecName<TamperingStage>))] TamperingStage? TamperingStage,
        AppBlock? App,
        DeviceBlock? Device,
        string History,
        IReadOnlyList<string> ServerNames,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResetPairBlock? Pair = null);

    public sealed record EndpointBlock(string Ip, int Port)
    {
        /// <summary>192.0.2.1:443 or [2001:db8::1]:443.</summary>
        public override string ToString() => Ip.Contains(':') ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";
    }

    public sealed record EvidenceLine(long Frame, string Note);

    public sealed record TlsBlock(string? Sni, IReadOnlyList<string> Alpn, IReadOnlyList<string> Versions, AlertBlock? Alert,
        long? ClientHelloFrame, long? ServerHelloFrame);

    public sealed record AlertBlock([property: JsonConverter(typeof(SpecName<Side>))] Side By, string? Level, string? Description, long Frame);

    public sealed record HttpBlock(string? Method, string? Host, string? Uri, int? Status, long RequestFrame, long? ResponseFrame, long RequestBytes);

    public sealed record AppBlock(string Protocol, MessageBlock? Client, MessageBlock? Server);

    public sealed record MessageBlock(long Frame, string Text);

    public sealed record DeviceBlock(string? Vendor, string Reason, long Frame);

    /// <summary>The same RST in the capture from the other end (spec: a finding's <c>pair</c>).</summary>
    public sealed record ResetPairBlock(string Capture, long? RstFrameThere, bool? RstLeftSender, double? ClockOffsetSeconds);

    public sealed record AggregatedBlock(long Resets, long FirstRstFrame, long LastRstFrame, IReadOnlyDictionary<string, long> Verdicts,
        IReadOnlyDictionary<string, long> Origins, IReadOnlyList<ServerCount> BusiestServers);

    public sealed record ServerCount(string Server, long Resets);

    /// <summary>A pattern: its details are free-form (spec: an object), kept as the file has them.</summary>
    public sealed record PatternBlock(string Kind, string Summary, int Connections, JsonObject? Details);

    /// <summary>An idle-timer pattern's details, as far as the batch index reads them.</summary>
    public sealed record IdleTimerDetails(double? EstimatedSeconds);
}

/// <summary>An enum written and read by its spec name (<see cref="Vocabulary.Name{T}"/>).</summary>
public sealed class SpecName<T>() : JsonStringEnumConverter<T>(System.Text.Json.JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
