namespace TsharkRst.Reports;

/// <summary>An output file being written under a temporary name beside its final one: it appears
/// under its real name only on <see cref="Commit"/>, and is deleted if disposed uncommitted.</summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    /// <param name="bulk">as big as a big capture: written past the page cache (<see cref="UncachedFileStream"/>)</param>
    public PendingFile(string path, bool bulk = false)
    {
        FinalPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(FinalPath)!;
        Directory.CreateDirectory(folder);
        _temporary = Path.Combine(folder, $".{Path.GetFileName(FinalPath)}.{Guid.NewGuid():N}.tmp");
        Stream = (bulk ? UncachedFileStream.TryCreate(_temporary) : null) ??
                 (Stream)new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public string FinalPath { get; }

    public Stream Stream { get; }

    public void Commit()
    {
        Stream.Flush();
        Stream.Dispose();
        File.Move(_temporary, FinalPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        try
        {
            Stream.Dispose();
        }
        finally
        {
            // Even when closing failed (a full disk): nothing is left under the temporary name.
            if (!_committed)
                File.Delete(_temporary);
        }
    }
}
