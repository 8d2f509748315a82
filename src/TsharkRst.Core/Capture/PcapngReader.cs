using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>pcapng: sections (each with its own byte order and interfaces) of blocks. Enhanced, simple
/// and obsolete packet blocks are frames; systemd journal blocks are numbered as frames too, as
/// Wireshark numbers them; every other block is skipped.</summary>
internal sealed class PcapngReader(Stream stream, CaptureBytes bytes, uint? gzipLength) : CaptureReader(stream, bytes, gzipLength)
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint SystemdJournalType = 9;
    private const uint DecryptionSecretsType = 10;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>Wireshark refuses blocks larger than this, and so does this reader.</summary>
    private const int MaxBlockLength = 16 << 20;

    private readonly List<CaptureInterface> _interfaces = [];
    private FileByteOrder _order;

    [MethodImpl(HotPath.Compilation)]
    private protected override bool ReadFrame(out CapturedFrame frame)
    {
        frame = default;
        while (true)
        {
            RecordOffset = Bytes.Offset;
            var head = Bytes.Peek(12);
            if (head.Length == 0)
                return false;
            if (head.Length < 8)
                ReadExactly(8, "a block header");
            var type = _order.U32(head);
            if (type == SectionHeaderType)
                _order = SectionByteOrder(head);
            type = _order.U32(head);
            var length = _order.U32(head[4..]);
            if (length < 12 || length % 4 != 0)
                throw new CaptureDamageException($"block type {type} has length {length}, not a valid block length (12 or more, a multiple of 4)");
            if (length > MaxBlockLength)
                throw new CaptureDamageException($"block type {type} has length {length}, more than the {MaxBlockLength} bytes a block may have");
            // Not ReadExactly: its description would be formatted for every block, cut or not.
            var block = Bytes.Read((int)length);
            if (block.Length < length)
                throw Cut((int)length, block.Length, $"a block of type {type}");
            var closing = _order.U32(block[^4..]);
            if (closing != length)
                throw new CaptureDamageException($"block type {type} opens with length {length} but closes with {closing}");
            var body = block[8..^4];
            switch (type)
            {
                case SectionHeaderType:
                    StartSection(body);
                    Layout++;
                    break;
                case InterfaceDescriptionType:
                    _interfaces.Add(Interface(body));
                    Layout++;
                    break;
                case EnhancedPacketType:
                    frame = TimestampedPacket(body, obsolete: false);
                    return true;
                case SimplePacketType:
                    frame = SimplePacket(body);
                    return true;
                case ObsoletePacketType:
                    frame = TimestampedPacket(body, obsolete: true);
                    return true;
                case SystemdJournalType:
                    LastFrame++;
                    break;
                case DecryptionSecretsType:
                    KeepSecrets(body);
                    break;
            }
        }
    }

    /// <summary>A secrets block's type, length and data; a block whose length field overruns it is skipped.</summary>
    private void KeepSecrets(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
            return;
        var length = _order.U32(body[4..]);
        if (length > body.Length - 8)
            return;
        AddSecrets(new DecryptionSecrets(_order.U32(body), body.Slice(8, (int)length).ToArray()));
    }

    private FileByteOrder SectionByteOrder(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
            ReadExactly(12, "a section header block");
        return BinaryPrimitives.ReadUInt32LittleEndian(head[8..]) switch
        {
            ByteOrderMagic => new FileByteOrder(BigEndian: false),
            0x4D3C2B1A => new FileByteOrder(BigEndian: true),
            var other => throw new CaptureDamageException($"the section header's byte-order magic is 0x{other:x8}, not 0x1a2b3c4d"),
        };
    }

    private void StartSection(ReadOnlySpan<byte> body)
    {
        if (body.Length < 16)
            throw new CaptureDamageException("the section header block is too short for its fields");
        var major = _order.U16(body[4..]);
        if (major != 1)
            throw new CaptureDamageException($"the section header has version {major}.{_order.U16(body[6..])}, not 1.x");
        // Interface numbers start again in every section.
        _interfaces.Clear();
    }

    private CaptureInterface Interface(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
            throw new CaptureDamageException("the interface description block is too short for its fields");
        var linkType = _order.U16(body);
        var snapLength = _order.U32(body[4..]);
        var unitsPerSecond = 1_000_000UL;
        var offsetSeconds = 0L;
        foreach (var (code, value) in Options(body[8..]))
        {
            if (code == 9 && value.Length >= 1)
                unitsPerSecond = UnitsPerSecond(value[0]);
            else if (code == 14 && value.Length >= 8)
                offsetSeconds = _order.I64(value);
        }
        return new CaptureInterface(linkType, snapLength, unitsPerSecond, offsetSeconds);
    }

    /// <summary>if_tsresol: a power of ten, or of two when the top bit is set.</summary>
    private static ulong UnitsPerSecond(byte resolution)
    {
        var exponent = resolution & 0x7F;
        if ((resolution & 0x80) != 0)
            return exponent <= 63 ? 1UL << exponent : throw new CaptureDamageException($"the timestamp resolution 2^-{exponent} is finer than a reader can count");
        if (exponent > 19)
            throw new CaptureDamageException($"the timestamp resolution 10^-{exponent} is finer than a reader can count");
        var units = 1UL;
        for (var i = 0; i < exponent; i++)
            units *= 10;
        return units;
    }

    /// <summary>Enhanced packet blocks and the obsolete packet blocks before them share a layout but for
    /// the interface id: 32 bits in the first, 16 bits (then a drop count) in the second.</summary>
    [MethodImpl(HotPath.Compilation)]
    private CapturedFrame TimestampedPacket(ReadOnlySpan<byte> body, bool obsolete)
    {
        if (body.Length < 20)
            throw new CaptureDamageException($"the {(obsolete ? "" : "enhanced ")}packet block is too short for its fields");
        var captureInterface = InterfaceAt(obsolete ? _order.U16(body) : _order.U32(body));
        var units = (ulong)_order.U32(body[4..]) << 32 | _order.U32(body[8..]);
        var data = PacketData(body[20..], _order.U32(body[12..]), captureInterface);
        return new CapturedFrame(++LastFrame, RecordOffset, captureInterface.Nanoseconds(units), captureInterface, data, _order.U32(body[16..]));
    }

    /// <summary>A simple packet block has no timestamp and belongs to the section's first interface.</summary>
    [MethodImpl(HotPath.Compilation)]
    private CapturedFrame SimplePacket(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
            throw new CaptureDamageException("the simple packet block is too short for its fields");
        var captureInterface = InterfaceAt(0);
        var originalLength = _order.U32(body);
        var room = (uint)body.Length - 4;
        var capturedLength = Math.Min(originalLength, captureInterface.SnapLength > 0 ? Math.Min(room, captureInterface.SnapLength) : room);
        return new CapturedFrame(++LastFrame, RecordOffset, 0, captureInterface, body.Slice(4, (int)capturedLength), originalLength);
    }

    [MethodImpl(HotPath.Compilation)]
    private ReadOnlySpan<byte> PacketData(ReadOnlySpan<byte> rest, uint capturedLength, CaptureInterface captureInterface)
    {
        if (capturedLength > rest.Length)
            throw new CaptureDamageException($"the packet's captured length {capturedLength} runs past the end of its block");
        if (captureInterface.SnapLength > 0 && capturedLength > captureInterface.SnapLength)
            throw new CaptureDamageException(
                $"the packet holds {capturedLength} bytes, more than its interface's snapshot length of {captureInterface.SnapLength}");
        return rest[..(int)capturedLength];
    }

    [MethodImpl(HotPath.Compilation)]
    private CaptureInterface InterfaceAt(uint id) => id < _interfaces.Count
        ? _interfaces[(int)id]
        : throw new CaptureDamageException($"the packet names interface {id}, but its section describes {_interfaces.Count}");

    /// <summary>The options of a block (code, value), up to opt_endofopt or the end of the bytes.</summary>
    private List<(ushort Code, byte[] Value)> Options(ReadOnlySpan<byte> options)
    {
        var found = new List<(ushort, byte[])>();
        while (options.Length >= 4)
        {
            var code = _order.U16(options);
            var length = _order.U16(options[2..]);
            var padded = (length + 3) & ~3;
            if (code == 0 || 4 + padded > options.Length)
                break;
            found.Add((code, options.Slice(4, length).ToArray()));
            options = options[(4 + padded)..];
        }
        return found;
    }
}
