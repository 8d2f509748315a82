using System.Buffers.Binary;
using System.Text;

namespace TsharkRst.Capture;

/// <summary>Writes one pcapng section (little-endian): an interface description per distinct link
/// type and snapshot length, on first use, with nanosecond timestamps; then enhanced packet blocks,
/// each optionally carrying a comment (opt_comment) and a packet id (epb_packetid). Every block goes to
/// each destination (a file, and tshark's standard input while tshark reads it).</summary>
public sealed class PcapngWriter
{
    private const int MaxCommentBytes = 60_000;

    private readonly Stream[] _destinations;
    private readonly Dictionary<(int LinkType, uint SnapLength), uint> _interfaces = [];
    private byte[] _buffer = new byte[1 << 16];
    private int _length;

    public PcapngWriter(params Stream[] destinations)
    {
        _destinations = destinations;
        Begin(0x0A0D0D0A);
        U32(0x1A2B3C4D);
        U16(1);
        U16(0);
        U64(ulong.MaxValue); // section length not given
        Option(4, Encoding.UTF8.GetBytes("tsharkrst")); // shb_userappl
        EndOptions();
        End();
    }

    public long PacketsWritten { get; private set; }

    /// <summary>A Decryption Secrets Block: tshark uses the keys for the packets after it.</summary>
    public void WriteSecrets(DecryptionSecrets secrets)
    {
        Begin(10);
        U32(secrets.Type);
        U32((uint)secrets.Data.Length);
        Bytes(secrets.Data);
        End();
    }

    public void WritePacket(CaptureInterface captureInterface, long nanoseconds, ReadOnlySpan<byte> data, uint originalLength,
        long? packetId = null, string? comment = null)
    {
        var id = InterfaceId(captureInterface);
        var units = (ulong)Math.Max(0, nanoseconds);
        Begin(6);
        U32(id);
        U32((uint)(units >> 32));
        U32((uint)units);
        U32((uint)data.Length);
        U32(Math.Max(originalLength, (uint)data.Length));
        Bytes(data);
        if (comment is not null)
            Option(1, CommentBytes(comment));
        if (packetId is { } packet)
        {
            Span<byte> value = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(value, packet);
            Option(5, value);
        }
        if (comment is not null || packetId is not null)
            EndOptions();
        End();
        PacketsWritten++;
    }

    private uint InterfaceId(CaptureInterface captureInterface)
    {
        var key = (captureInterface.LinkType, captureInterface.SnapLength);
        if (_interfaces.TryGetValue(key, out var id))
            return id;
        id = (uint)_interfaces.Count;
        _interfaces[key] = id;
        Begin(1);
        U16((ushort)captureInterface.LinkType);
        U16(0);
        U32(captureInterface.SnapLength);
        Option(9, [9]); // if_tsresol: nanoseconds, so micro- and nanosecond timestamps both survive
        EndOptions();
        End();
        return id;
    }

    private static byte[] CommentBytes(string comment)
    {
        var bytes = Encoding.UTF8.GetBytes(comment);
        if (bytes.Length <= MaxCommentBytes)
            return bytes;
        // Cut at a character boundary: a continuation byte is 10xxxxxx.
        var cut = MaxCommentBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
            cut--;
        return bytes[..cut];
    }

    private void Begin(uint type)
    {
        _length = 0;
        U32(type);
        U32(0); // the length, filled in by End
    }

    private void End()
    {
        U32(0);
        var total = (uint)_length;
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(4), total);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length - 4), total);
        foreach (var destination in _destinations)
            destination.Write(_buffer, 0, _length);
    }

    private void Option(ushort code, ReadOnlySpan<byte> value)
    {
        U16(code);
        U16((ushort)value.Length);
        Bytes(value);
    }

    private void EndOptions() => U32(0);

    /// <summary>Appends bytes padded to a multiple of 4.</summary>
    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        var padded = (bytes.Length + 3) & ~3;
        Ensure(padded);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _buffer.AsSpan(_length + bytes.Length, padded - bytes.Length).Clear();
        _length += padded;
    }

    private void U16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void U32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void U64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void Ensure(int more)
    {
        if (_length + more + 4 > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more + 4));
    }
}
