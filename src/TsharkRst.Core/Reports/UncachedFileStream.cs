using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TsharkRst.Reports;

/// <summary>A new file written past the page cache (O_DIRECT), for the outputs as big as a big capture (packets.csv,
/// evidence.pcapng). Through the cache, every page written is a page the kernel allocates and copies into: on the build
/// machine 335 MB took 0.87 s of CPU that way and 0.06 s this way, on the cores tshark needs. Written sequentially in
/// aligned 1 MB blocks; the last block is padded and the file cut back to its length when the stream is closed, so what
/// was written is in the file only then (<see cref="Flush"/> does nothing). Where the file system refuses O_DIRECT, or
/// asks more alignment than 4 KB, the same blocks go through the cache.</summary>
internal sealed class UncachedFileStream : Stream
{
    /// <summary>From this capture size on, its big outputs are written past the cache: a direct write waits for the
    /// device, which a small capture's few kilobytes would rather not.</summary>
    public const long MinCaptureBytes = 64L << 20;

    private const int BlockSize = 1 << 20;

    /// <summary>Every alignment O_DIRECT asks of memory, offsets and lengths on common Linux file systems.</summary>
    private const int Alignment = 4096;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _memory;
    private readonly int _start;
    private bool _direct;
    private int _filled;
    private long _written;
    private bool _closed;
    private bool _broken;

    private UncachedFileStream(SafeFileHandle handle)
    {
        _handle = handle;
        // Pinned, so the aligned slice stays where it is.
        _memory = GC.AllocateUninitializedArray<byte>(BlockSize + Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_memory, 0);
        _start = (int)((Alignment - address % Alignment) % Alignment);
    }

    /// <summary>Whether the outputs of <paramref name="capturePath"/> are worth writing past the cache.</summary>
    public static bool Worthwhile(string capturePath) =>
        Environment.GetEnvironmentVariable("TSHARKRST_DIRECT_IO") != "0" &&
        new FileInfo(capturePath) is { Exists: true, Length: >= MinCaptureBytes };

    /// <summary>Creates <paramref name="path"/>, which must not exist, for writing past the cache where the file system
    /// allows it; null where this stream cannot be had (not a 64-bit Linux) or the file cannot be created, whose reason
    /// the caller's own open then reports.</summary>
    /// <param name="direct">false: through the cache, in the same blocks (as where the file system refuses O_DIRECT)</param>
    public static UncachedFileStream? TryCreate(string path, bool direct = true)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || Direct is null)
            return null;
        var fd = Open(path, WriteOnly | Create | Exclusive | CloseOnExec, 0x1B6 /* 0666, less the umask */);
        if (fd < 0)
            return null;
        var stream = new UncachedFileStream(new SafeFileHandle(fd, ownsHandle: true));
        // Asked of the open file, not at open: a file system that refuses O_DIRECT refuses it only once the file exists.
        stream._direct = direct && stream.SetDirect(true);
        return stream;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_closed;

    public override long Length => _written + _filled;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (!buffer.IsEmpty)
        {
            var taken = Math.Min(buffer.Length, BlockSize - _filled);
            buffer[..taken].CopyTo(_memory.AsSpan(_start + _filled));
            _filled += taken;
            buffer = buffer[taken..];
            if (_filled == BlockSize)
                WriteBlock(BlockSize);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Nothing: only whole blocks can be written, and the last one is written on closing.</summary>
    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (!_closed && disposing)
        {
            _closed = true;
            try
            {
                // A block that could not be written is not tried again: its error was thrown already.
                if (_filled > 0 && !_broken)
                {
                    var length = _written + _filled;
                    var padded = _direct ? (_filled + Alignment - 1) / Alignment * Alignment : _filled;
                    _memory.AsSpan(_start + _filled, padded - _filled).Clear();
                    WriteBlock(padded);
                    if (_written != length)
                        RandomAccess.SetLength(_handle, length);
                }
            }
            finally
            {
                _handle.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void WriteBlock(int length)
    {
        var block = _memory.AsSpan(_start, length);
        try
        {
            try
            {
                RandomAccess.Write(_handle, block, _written);
            }
            catch (IOException) when (_direct)
            {
                // A file system that took O_DIRECT but asks more alignment: this block and the rest through the cache.
                if (!SetDirect(false))
                    throw;
                _direct = false;
                RandomAccess.Write(_handle, block, _written);
            }
        }
        catch
        {
            _broken = true;
            throw;
        }
        _written += length;
        _filled = 0;
    }

    /// <summary>Turns O_DIRECT on or off for the open file; false when the file system refuses.</summary>
    private bool SetDirect(bool on)
    {
        var fd = (int)_handle.DangerousGetHandle();
        var flags = Fcntl(fd, GetFlags, 0);
        return flags >= 0 && Fcntl(fd, SetFlags, on ? flags | Direct!.Value : flags & ~Direct!.Value) == 0;
    }

    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int GetFlags = 3;
    private const int SetFlags = 4;

    /// <summary>O_DIRECT, whose value differs between processors; null on one not known here.</summary>
    private static readonly int? Direct = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => null,
    };

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int fd, int command, int argument);
}
