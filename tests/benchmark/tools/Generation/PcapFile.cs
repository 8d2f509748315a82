using System.Buffers.Binary;

namespace TsharkRst.Benchmark.Generation;

/// <summary>Writes a classic pcap file (microsecond timestamps, Ethernet) packet by packet through a
/// 1 MB buffer: nothing but the packet being written is held.</summary>
internal sealed class PcapFile : IDisposable
{
    private const int LinkTypeEthernet = 1;
    private const int SnapLength = 262144;

    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[24];

    public PcapFile(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        BinaryPrimitives.WriteUInt32LittleEndian(_header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(16), SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(20), LinkTypeEthernet);
        _stream.Write(_header);
    }

    public long Packets { get; private set; }

    public long Bytes => _stream.Position;

    public void Write(long nanoseconds, ReadOnlySpan<byte> frame)
    {
        var record = _header.AsSpan(0, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(nanoseconds / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(nanoseconds % 1_000_000_000 / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _stream.Write(record);
        _stream.Write(frame);
        Packets++;
    }

    public void Dispose() => _stream.Dispose();
}
