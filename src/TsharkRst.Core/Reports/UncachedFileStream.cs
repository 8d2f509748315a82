using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TsharkRst.Reports;

/// <summary>A new file written past the page cache (O_DIRECT), for the outputs as big as the capture (packets.csv,
/// evidence.pcapng). Through the cache, every page written is a page the kernel allocates and copies into: on the build
/// machine 335 MB took 0.87 s of CPU that way and 0.06 s this way, on the cores tshark needs. Written sequentially in
/// aligned 1 MB blocks; the last block is padded and the file cut back to its length when the stream is closed, so what
/// was written is on disk only then (<see cref="Flush"/> does nothing).</summary>
internal sealed class UncachedFileStream : Stream
{
    private const int BlockSize = 1 << 20;

    /// <summary>Every alignment O_DIRECT asks of memory, offsets and lengths on Linux file systems.</summary>
    private const int Alignment = 4096;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _memory;
    private readonly int _start;
    private int _filled;
    private long _written;
    private bool _closed;

    private UncachedFileStream(SafeFileHandle handle)
    {
        _handle = handle;
        // Pinned, so the aligned slice stays where it is.
        _memory = GC.AllocateUninitializedArray<byte>(BlockSize + Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_memory, 0);
        _start = (int)((Alignment - address % Alignment) % Alignment);
    }

    /// <summary>Creates <paramref name="path"/> (which must not exist) for writing past the cache; null where that cannot
    /// be done: not Linux, a processor whose O_DIRECT value is not known here, a file system without it (tmpfs before
    /// Linux 6.6, some network ones), TSHARKRST_DIRECT_IO=0, or any other failure, which the caller's own open then reports.</summary>
    public static UncachedFileStream? TryCreate(string path) =>
        Environment.GetEnvironmentVariable("TSHARKRST_DIRECT_IO") == "0" ? null : TryCreate(path, direct: true);

    /// <param name="direct">false: through the cache, in the same blocks (for tests on any file system)</param>
    internal static UncachedFileStream? TryCreate(string path, bool direct)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } flag)
            return null;
        var fd = Open(path, WriteOnly | Create | Exclusive | CloseOnExec | (direct ? flag : 0), 0x1B6 /* 0666, less the umask */);
        return fd < 0 ? null : new UncachedFileStream(new SafeFileHandle(fd, ownsHandle: true));
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
                if (_filled > 0)
                {
                    var length = _written + _filled;
                    var padded = (_filled + Alignment - 1) / Alignment * Alignment;
                    _memory.AsSpan(_start + _filled, padded - _filled).Clear();
                    WriteBlock(padded);
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
        RandomAccess.Write(_handle, _memory.AsSpan(_start, length), _written);
        _written += length;
        _filled = 0;
    }

    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;

    /// <summary>O_DIRECT, whose value differs between processors (these are Linux's generic and x86 values).</summary>
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);
}
