using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>Classic pcap: a 24-byte file header (micro- or nanosecond magic, either byte order), then
/// records of a 16-byte header and the packet.</summary>
internal sealed class PcapReader(Stream stream, CaptureBytes bytes, uint? gzipLength) : CaptureReader(stream, bytes, gzipLength)
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private FileByteOrder _order;
    private bool _nanoseconds;
    private CaptureInterface? _interface;

    [MethodImpl(HotPath.Compilation)]
    private protected override bool ReadFrame(out CapturedFrame frame)
    {
        frame = default;
        var captureInterface = _interface ?? ReadFileHeader();
        RecordOffset = Bytes.Offset;
        if (Bytes.Peek(1).Length == 0)
            return false;
        var header = ReadExactly(RecordHeaderLength, "a packet record header");
        var seconds = _order.U32(header);
        var fraction = _order.U32(header[4..]);
        var capturedLength = _order.U32(header[8..]);
        var originalLength = _order.U32(header[12..]);
        var snapLength = captureInterface.SnapLength;
        if (snapLength > 0 && capturedLength > snapLength)
            throw new CaptureDamageException(
                $"the packet record holds {capturedLength} bytes, more than the file's snapshot length of {snapLength}");
        if (capturedLength > MaxPacketLength)
            throw new CaptureDamageException($"the packet record claims {capturedLength} bytes, more than any packet can have");
        var data = ReadExactly((int)capturedLength, "a packet");
        var nanoseconds = seconds * 1_000_000_000L + (_nanoseconds ? fraction : fraction * 1000L);
        frame = new CapturedFrame(++LastFrame, RecordOffset, nanoseconds, captureInterface, data, originalLength);
        return true;
    }

    private CaptureInterface ReadFileHeader()
    {
        RecordOffset = Bytes.Offset;
        var header = ReadExactly(FileHeaderLength, "the file header");
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        _order = new FileByteOrder(BigEndian: magic is 0xa1b2c3d4 or 0xa1b23c4d);
        _nanoseconds = magic is 0xa1b23c4d or 0x4d3cb2a1;
        // The top bits of the link-type field carry FCS information, not the type.
        var linkType = (int)(_order.U32(header[20..]) & 0x03FF_FFFF);
        _interface = new CaptureInterface(linkType, _order.U32(header[16..]), _nanoseconds ? 1_000_000_000UL : 1_000_000UL);
        Layout++;
        return _interface;
    }
}
