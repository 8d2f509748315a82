using System.Text.Json;
using System.Text.Json.Serialization;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The files a batch skipped as not captures, kept beside the manifest so the index, and
/// `tsharkrst merge`, count them. Each run over an output folder replaces the list.</summary>
public static partial class SkippedFiles
{
    /// <summary>In the manifest folder; no ".json" ending, so it is never read as a capture's entry.</summary>
    public const string FileName = "skipped";

    public static void Write(string outputRoot, IEnumerable<string> files)
    {
        var folder = new CaptureManifest(outputRoot).Folder;
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(files.Order(StringComparer.Ordinal).ToArray(), ListJson.Default.StringArray) + "\n");
    }

    /// <summary>The files skipped in each output folder, each once, in order; an unreadable list counts none.</summary>
    public static IReadOnlyList<string> Read(IEnumerable<string> outputRoots) =>
        outputRoots.SelectMany(ReadOne).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string[] ReadOne(string outputRoot)
    {
        var path = Path.Combine(new CaptureManifest(outputRoot).Folder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), ListJson.Default.StringArray) ?? [] : [];
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Source-generated: the reflection-based serialiser builds its converters on first use, at the end of every run.</summary>
    [JsonSerializable(typeof(string[]))]
    private sealed partial class ListJson : JsonSerializerContext;
}
