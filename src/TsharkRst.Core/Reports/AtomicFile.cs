using System.Text;

namespace TsharkRst.Reports;

/// <summary>Writes a whole file through a <see cref="PendingFile"/>: complete, or not at all.</summary>
public static class AtomicFile
{
    public static void WriteText(string path, string text)
    {
        using var file = new PendingFile(path);
        file.Stream.Write(new UTF8Encoding(false).GetBytes(text));
        file.Commit();
    }

    public static void Write(string path, Action<Stream> write, bool bulk = false)
    {
        using var file = new PendingFile(path, bulk);
        write(file.Stream);
        file.Commit();
    }
}
