using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsharkRst.Batch;

/// <summary>The source-generated serialiser of a manifest entry: the reflection-based one emitted code at run time,
/// compiled on every run of the tool (the same text either way).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CaptureRecord))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
