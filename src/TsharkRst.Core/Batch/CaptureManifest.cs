using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The manifest in OUT: one entry file per capture under <c>.tsharkrst-manifest/</c>, so
/// parallel jobs and shards writing to one shared folder never overwrite each other's entries.</summary>
public sealed class CaptureManifest(string outputRoot)
{
    public const string FolderName = ".tsharkrst-manifest";

    public string Folder { get; } = Path.Combine(outputRoot, FolderName);

    public string EntryPath(string outputName) =>
        Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(outputName)))[..24] + ".json");

    /// <summary>The entry of <paramref name="outputName"/>; without a manifest folder its name is not even hashed (a
    /// first run's SHA-256 is then the capture's, off the critical path).</summary>
    public CaptureRecord? Read(string outputName) => Directory.Exists(Folder) ? ReadFile(EntryPath(outputName)) : null;

    public void Write(CaptureRecord record) =>
        AtomicFile.WriteText(EntryPath(record.Output), JsonSerializer.Serialize(record, ManifestJsonContext.Default.CaptureRecord) + "\n");

    /// <summary>Every entry, in the order of the captures' paths; unreadable entries are left out.</summary>
    public IReadOnlyList<CaptureRecord> ReadAll() => !Directory.Exists(Folder)
        ? []
        : Directory.EnumerateFiles(Folder, "*.json")
            .Select(ReadFile).OfType<CaptureRecord>()
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Output, StringComparer.Ordinal)
            .ToList();

    private static CaptureRecord? ReadFile(string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(path), ManifestJsonContext.Default.CaptureRecord);
            return record?.Path is null ? null : record;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
