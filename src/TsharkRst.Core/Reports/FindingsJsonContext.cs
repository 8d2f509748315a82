using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsharkRst.Reports;

/// <summary>The source-generated serialisers of the JSON files the tool writes and reads back: findings.json, a
/// line of resets.ndjson, summary.json. <see cref="Indented"/> for the files, <see cref="Compact"/> for the lines.</summary>
[JsonSerializable(typeof(FindingsFile))]
[JsonSerializable(typeof(FindingsFile.IdleTimerDetails))]
[JsonSerializable(typeof(ResetsNdjson.CaptureRef))]
[JsonSerializable(typeof(BatchSummary))]
public sealed partial class FindingsJsonContext : JsonSerializerContext
{
    public static FindingsJsonContext Indented { get; } = new(Settings(indented: true));

    public static FindingsJsonContext Compact { get; } = new(Settings(indented: false));

    private static JsonSerializerOptions Settings(bool indented) => new()
    {
        WriteIndented = indented,
        // Names and text from captures stay readable (no \u escapes for quotes, '<', non-ASCII), as the spec shows them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A findings.json read back (by the index, by merge) that lacks a field or nulls one the spec requires is refused, not half-read.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
