using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TsharkRst.Tests.Capture;

/// <summary>Builds capture files byte by byte: classic pcap and pcapng, either byte order, with
/// blocks a test may also break on purpose.</summary>
internal sealed class CaptureFile
{
    private readonly List<byte> _bytes = [];
    private bool _bigEndian;

    public byte[] Bytes => _bytes.ToArray();

    public int Length => _bytes.Count;

    public static byte[] Pcap(int linkType, IEnumerable<(long Nanoseconds, byte[] Data)> packets, bool nanoseconds = false,
        bool bigEndian = false, uint snapLength = 262144, uint? originalLength = null)
    {
        var file = new CaptureFile { _bigEndian = bigEndian };
        file.U32(nanoseconds ? 0xa1b23c4du : 0xa1b2c3d4u);
        file.U16(2);
        file.U16(4);
        file.U32(0);
        file.U32(0);
        file.U32(snapLength);
        file.U32((uint)linkType);
        foreach (var (ns, data) in packets)
            file.PcapRecord(ns, data, nanoseconds, originalLength);
        return file.Bytes;
    }

    public CaptureFile PcapRecord(long nanoseconds, byte[] data, bool nanosecondFile = false, uint? originalLength = null,
        uint? capturedLength = null)
    {
        U32((uint)(nanoseconds / 1_000_000_000));
        U32((uint)(nanosecondFile ? nanoseconds % 1_000_000_000 : nanoseconds % 1_000_000_000 / 1000));
        U32(capturedLength ?? (uint)data.Length);
        U32(originalLength ?? (uint)data.Length);
        _bytes.AddRange(data);
        return this;
    }

    public static CaptureFile Pcapng() => new();

    public CaptureFile Section(bool bigEndian = false)
    {
        _bigEndian = bigEndian;
        return Block(0x0A0D0D0A, body =>
        {
            body.U32(0x1A2B3C4D);
            body.U16(1);
            body.U16(0);
            body.U32(0xFFFFFFFF);
            body.U32(0xFFFFFFFF);
        });
    }

    /// <summary>An interface description; <paramref name="resolution"/> is if_tsresol's byte.</summary>
    public CaptureFile Interface(int linkType, uint snapLength = 262144, byte? resolution = null, long? offsetSeconds = null) =>
        Block(1, body =>
        {
            body.U16((ushort)linkType);
            body.U16(0);
            body.U32(snapLength);
            if (resolution is { } r)
                body.Option(9, [r]);
            if (offsetSeconds is { } o)
            {
                var value = new byte[8];
                if (_bigEndian)
                    BinaryPrimitives.WriteInt64BigEndian(value, o);
                else
                    BinaryPrimitives.WriteInt64LittleEndian(value, o);
                body.Option(14, value);
            }
            if (resolution is not null || offsetSeconds is not null)
                body.U32(0);
        });

    /// <summary>An enhanced packet block; the timestamp is in the interface's units.</summary>
    public CaptureFile Enhanced(uint interfaceId, ulong units, byte[] data, uint? capturedLength = null, string? comment = null) =>
        Block(6, body =>
        {
            body.U32(interfaceId);
            body.U32((uint)(units >> 32));
            body.U32((uint)units);
            body.U32(capturedLength ?? (uint)data.Length);
            body.U32((uint)data.Length);
            body.Padded(data);
            if (comment is not null)
            {
                body.Option(1, Encoding.UTF8.GetBytes(comment));
                body.U32(0);
            }
        });

    public CaptureFile Simple(byte[] data) => Block(3, body =>
    {
        body.U32((uint)data.Length);
        body.Padded(data);
    });

    public CaptureFile Obsolete(ushort interfaceId, ulong units, byte[] data) => Block(2, body =>
    {
        body.U16(interfaceId);
        body.U16(0);
        body.U32((uint)(units >> 32));
        body.U32((uint)units);
        body.U32((uint)data.Length);
        body.U32((uint)data.Length);
        body.Padded(data);
    });

    /// <summary>Any block, e.g. one the reader must skip (name resolution, statistics, custom).</summary>
    public CaptureFile Block(uint type, byte[] body) => Block(type, b => b.Padded(body));

    /// <summary>Raw bytes, to break the file on purpose.</summary>
    public CaptureFile Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public CaptureFile U32(uint value)
    {
        var bytes = new byte[4];
        if (_bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _bytes.AddRange(bytes);
        return this;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }

    private CaptureFile Block(uint type, Action<CaptureFile> write)
    {
        var body = new CaptureFile { _bigEndian = _bigEndian };
        write(body);
        var length = (uint)(12 + body._bytes.Count);
        U32(type);
        U32(length);
        _bytes.AddRange(body._bytes);
        U32(length);
        return this;
    }

    private void U16(ushort value)
    {
        var bytes = new byte[2];
        if (_bigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _bytes.AddRange(bytes);
    }

    private void Option(ushort code, byte[] value)
    {
        U16(code);
        U16((ushort)value.Length);
        Padded(value);
    }

    private void Padded(byte[] data)
    {
        _bytes.AddRange(data);
        while (_bytes.Count % 4 != 0)
            _bytes.Add(0);
    }
}
