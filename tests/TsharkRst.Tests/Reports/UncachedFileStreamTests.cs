using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class UncachedFileStreamTests
{
    /// <summary>Lengths around the 4 KB alignment and the 1 MB block, written in uneven pieces, past the cache and
    /// through it (as where the file system refuses O_DIRECT: the build machine's ext4 and tmpfs take it).</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 12345)]
    public void What_is_written_is_the_file_byte_for_byte_and_no_longer(int length)
    {
        using var folder = new TemporaryFolder("tsharkrst-uncached");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var cached = Path.Combine(folder.FullName, "cached.bin");
        using (var stream = UncachedFileStream.TryCreate(cached, direct: false))
        {
            Assert.NotNull(stream);
            WriteInPieces(stream, bytes);
            Assert.Equal(length, stream.Length);
        }
        Assert.Equal(bytes, File.ReadAllBytes(cached));

        var bulk = Path.Combine(folder.FullName, "bulk.bin");
        using (var file = new PendingFile(bulk, bulk: true))
        {
            WriteInPieces(file.Stream, bytes);
            file.Commit();
        }
        Assert.Equal(bytes, File.ReadAllBytes(bulk));
    }

    [Fact]
    public void Only_the_outputs_of_a_capture_of_64_MB_or_more_are_written_past_the_cache()
    {
        using var folder = new TemporaryFolder("tsharkrst-uncached");
        var small = Path.Combine(folder.FullName, "small.pcapng");
        var big = Path.Combine(folder.FullName, "big.pcapng");
        using (var file = File.Create(small))
            file.SetLength(UncachedFileStream.MinCaptureBytes - 1);
        using (var file = File.Create(big))
            file.SetLength(UncachedFileStream.MinCaptureBytes);
        Assert.False(UncachedFileStream.Worthwhile(small));
        Assert.True(UncachedFileStream.Worthwhile(big));
        Assert.False(UncachedFileStream.Worthwhile(Path.Combine(folder.FullName, "missing.pcapng")));
    }

    [Fact]
    public void A_file_that_exists_is_left_as_it_is()
    {
        using var folder = new TemporaryFolder("tsharkrst-uncached");
        var path = Path.Combine(folder.FullName, "out.bin");
        File.WriteAllText(path, "kept");
        Assert.Null(UncachedFileStream.TryCreate(path));
        Assert.Null(UncachedFileStream.TryCreate(path, direct: false));
        Assert.Equal("kept", File.ReadAllText(path));
    }

    [Fact]
    public void A_bulk_pending_file_appears_whole_on_commit_and_not_at_all_without()
    {
        using var folder = new TemporaryFolder("tsharkrst-uncached");
        var committed = Path.Combine(folder.FullName, "packets.csv");
        var dropped = Path.Combine(folder.FullName, "evidence.pcapng");
        using (var file = new PendingFile(committed, bulk: true))
        {
            file.Stream.Write("frame.number\n1\n"u8);
            file.Commit();
        }
        using (var file = new PendingFile(dropped, bulk: true))
            file.Stream.Write(new byte[5000]);
        Assert.Equal("frame.number\n1\n", File.ReadAllText(committed));
        Assert.Equal(["packets.csv"], Directory.GetFiles(folder.FullName).Select(Path.GetFileName));
    }

    private static void WriteInPieces(Stream stream, byte[] bytes)
    {
        for (int at = 0, piece = 1; at < bytes.Length; at += piece, piece = piece * 7 % 100_003 + 1)
            stream.Write(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
    }
}
