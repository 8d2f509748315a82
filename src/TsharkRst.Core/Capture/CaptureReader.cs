using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>Reads the frames of a pcap or pcapng file, plain or gzip-compressed, one at a time and
/// without holding more than one block in memory. Damage (a cut, a bad length) never throws: the
/// reader stops there and says where in <see cref="Damage"/>.</summary>
public abstract class CaptureReader : IDisposable
{
    /// <summary>No packet may claim more than this, whatever its snapshot length says.</summary>
    private protected const int MaxPacketLength = 16 << 20;

    private readonly Stream _stream;
    private readonly uint? _gzipLength;
    private bool? _endsWithWholeMember;

    private protected CaptureReader(Stream stream, CaptureBytes bytes, uint? gzipLength)
    {
        _stream = stream;
        Bytes = bytes;
        _gzipLength = gzipLength;
    }

    /// <summary>Where and why reading stopped before the end of the file; null when it did not.</summary>
    public CaptureDamage? Damage { get; private set; }

    /// <summary>The number of the last frame read (frames are numbered as Wireshark numbers them).</summary>
    public long LastFrame { get; private protected set; }

    /// <summary>True for a gzip-compressed file: offsets count its decompressed bytes.</summary>
    public bool Compressed => _gzipLength is not null;

    private protected CaptureBytes Bytes { get; }

    /// <summary>Counts the section and interface blocks read so far: two frames with the same layout are
    /// read with the same byte order and interfaces.</summary>
    public int Layout { get; private protected set; }

    /// <summary>True when <see cref="ResumeAt"/> can jump: an uncompressed file on a seekable stream.</summary>
    public bool CanResume => _gzipLength is null && _stream.CanSeek;

    /// <summary>Jumps to <paramref name="point"/>, a frame further on that was read with the same layout;
    /// the next <see cref="Read"/> returns that frame. False (and nothing changed) when it cannot.</summary>
    public bool ResumeAt(ResumePoint point)
    {
        if (!CanResume || Damage is not null || point.Layout != Layout || point.Frame <= LastFrame + 1)
            return false;
        _stream.Position = point.Offset;
        Bytes.Restart(point.Offset);
        LastFrame = point.Frame - 1;
        return true;
    }

    private readonly List<DecryptionSecrets> _secrets = [];
    private long _secretBytes;

    /// <summary>The Decryption Secrets Blocks read so far (pcapng only), up to <see cref="DecryptionSecrets.MaxTotalBytes"/>.</summary>
    public IReadOnlyList<DecryptionSecrets> Secrets => _secrets;

    private protected void AddSecrets(DecryptionSecrets secrets)
    {
        if (_secretBytes + secrets.Data.Length > DecryptionSecrets.MaxTotalBytes)
            return;
        _secretBytes += secrets.Data.Length;
        _secrets.Add(secrets);
    }

    /// <summary>Where the record or block being read starts.</summary>
    private protected long RecordOffset { get; set; }

    /// <summary>A reader for the file, or null when it is neither pcap nor pcapng (plain or gzip).</summary>
    public static CaptureReader? Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    /// <summary>A reader that owns <paramref name="stream"/>, or null (and the stream closed) when it
    /// holds neither pcap nor pcapng.</summary>
    public static CaptureReader? Open(Stream stream)
    {
        try
        {
            var (source, gzipLength) = Decompressed(stream);
            var bytes = new CaptureBytes(source);
            var head = bytes.Peek(4);
            CaptureReader? reader = head.Length < 4 ? null : BinaryPrimitives.ReadUInt32BigEndian(head) switch
            {
                PcapngReader.SectionHeaderType => new PcapngReader(source, bytes, gzipLength),
                0xa1b2c3d4 or 0xd4c3b2a1 or 0xa1b23c4d or 0x4d3cb2a1 => new PcapReader(source, bytes, gzipLength),
                _ => null,
            };
            if (reader is null)
                source.Dispose();
            return reader;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            stream.Dispose();
            return null;
        }
    }

    /// <summary>Reads the next frame; false at the end of the file or at damage (see <see cref="Damage"/>).</summary>
    [MethodImpl(HotPath.Compilation)]
    public bool Read(out CapturedFrame frame)
    {
        frame = default;
        if (Damage is not null)
            return false;
        try
        {
            if (ReadFrame(out frame))
                return true;
            if (_gzipLength is { } expected && unchecked((uint)Bytes.Offset) != expected && !EndsWithWholeMember())
                Stop(Bytes.Offset, "the gzip data ends before its trailer says it should: the file was cut short");
        }
        catch (CaptureDamageException ex)
        {
            Stop(RecordOffset, ex.Problem);
        }
        catch (InvalidDataException ex)
        {
            Stop(Bytes.Offset, $"the gzip data is corrupt ({ex.Message.TrimEnd('.')})");
        }
        catch (IOException ex)
        {
            Stop(Bytes.Offset, $"it could not be read ({ex.Message.TrimEnd('.')})");
        }
        frame = default;
        return false;
    }

    public void Dispose()
    {
        _stream.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the next frame, skipping blocks that are not frames; false at a clean end.</summary>
    /// <exception cref="CaptureDamageException">The file is damaged here.</exception>
    private protected abstract bool ReadFrame(out CapturedFrame frame);

    /// <summary>Reads exactly <paramref name="count"/> bytes of the record being read, or names the cut.</summary>
    [MethodImpl(HotPath.Compilation)]
    private protected ReadOnlySpan<byte> ReadExactly(int count, string what)
    {
        var bytes = Bytes.Read(count);
        return bytes.Length < count ? throw Cut(count, bytes.Length, what) : bytes;
    }

    private protected static CaptureDamageException Cut(int count, int present, string what) =>
        new($"the file is cut short in the middle of {what}: {count} bytes announced, {present} present");

    /// <summary>Asked once, at the end: several members are no cut (see <see cref="GzipEnding"/>).</summary>
    private bool EndsWithWholeMember()
    {
        if (_endsWithWholeMember is null)
        {
            var file = ((GZipStream)_stream).BaseStream;
            _endsWithWholeMember = GzipEnding.EndsWithWholeMember(file);
            file.Position = file.Length; // whatever reads on finds the end, not where the search left off
        }
        return _endsWithWholeMember.Value;
    }

    private void Stop(long offset, string problem) => Damage = new CaptureDamage(offset, LastFrame + 1, problem, Compressed);

    /// <summary>The stream to read packets from: the file itself, or its gzip decompression together with
    /// the length the gzip trailer announces (modulo 2^32), so a cut can be told from the end.</summary>
    private static (Stream Source, uint? GzipLength) Decompressed(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        if (!stream.CanSeek || stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            if (stream.CanSeek)
                stream.Position = 0;
            return (stream, null);
        }
        Span<byte> trailer = stackalloc byte[4];
        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(trailer);
        stream.Position = 0;
        return (new GZipStream(stream, CompressionMode.Decompress), BinaryPrimitives.ReadUInt32LittleEndian(trailer));
    }
}
