using System.Buffers.Binary;

namespace TsharkRst.Capture;

/// <summary>Reads the integers of capture headers in the byte order the file was written in.</summary>
internal readonly record struct FileByteOrder(bool BigEndian)
{
    public ushort U16(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    public uint U32(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    public long I64(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes);
}
