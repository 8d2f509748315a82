using System.Buffers.Binary;

namespace TsharkRst.Analysis;

/// <summary>What the capturing program recorded about itself at the end of a pcapng file (its
/// Interface Statistics Blocks): when it stopped, and how many packets it dropped. A paired capture
/// can only prove a RST absent if it was still running and lost nothing; a quiet, filtered capture's
/// last packet can be long before it stopped. Read from the file's two ends only, so it costs
/// nothing on large captures; null for pcap, compressed captures, or files without statistics.</summary>
public sealed record CaptureStatistics(DateTimeOffset? StoppedAt, long? Dropped)
{
    private const uint SectionHeader = 0x0A0D0D0A;
    private const uint InterfaceDescription = 1;
    private const uint InterfaceStatistics = 5;
    private const ushort EndTime = 3;
    private const ushort InterfaceDropped = 5;
    private const ushort OsDropped = 7;
    private const ushort TimestampResolution = 9;
    private const ushort TimestampOffset = 14;

    /// <summary>A capture does not run longer than this after its first packet (a sanity bound on the times read).</summary>
    private static readonly TimeSpan LongestCapture = TimeSpan.FromDays(366);

    /// <param name="firstPacket">the capture's first packet: the stop time must fall after it</param>
    public static CaptureStatistics? Read(string path, DateTimeOffset? firstPacket)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            return firstPacket is { } first ? Read(file, first) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static CaptureStatistics? Read(FileStream file, DateTimeOffset firstPacket)
    {
        Span<byte> head = stackalloc byte[12];
        if (file.Length < 28 || file.Read(head) < 12 || BinaryPrimitives.ReadUInt32LittleEndian(head) != SectionHeader)
            return null;
        var bigEndian = BinaryPrimitives.ReadUInt32BigEndian(head[8..]) == 0x1A2B3C4D;
        if (!bigEndian && BinaryPrimitives.ReadUInt32LittleEndian(head[8..]) != 0x1A2B3C4D)
            return null;
        uint U32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
        ushort U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

        // The interfaces follow the section header: their clocks' resolution and offset.
        var clocks = new List<(long UnitsPerSecond, long OffsetSeconds)>();
        var position = (long)U32(head[4..]);
        while (ReadBlock(file, position, U32) is { Type: InterfaceDescription } idb)
        {
            var (units, offset) = (1_000_000L, 0L);
            foreach (var (code, value) in Options(idb.Body, 8, U16))
            {
                if (code == TimestampResolution && value.Length >= 1)
                    units = (value[0] & 0x80) == 0 ? (long)Math.Pow(10, Math.Min(value[0], (byte)18)) : 1L << Math.Min(value[0] & 0x7F, 62);
                else if (code == TimestampOffset && value.Length >= 8)
                    offset = (long)(bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
            }
            clocks.Add((units, offset));
            position += idb.Length;
        }

        // The statistics are written last, one block per interface: walk back from the end.
        DateTimeOffset? stopped = null;
        long? dropped = null;
        var end = file.Length;
        Span<byte> tail = stackalloc byte[4];
        while (end > 12)
        {
            file.Position = end - 4;
            if (file.Read(tail) < 4)
                break;
            var length = U32(tail);
            if (length < 12 || length > end || ReadBlock(file, end - length, U32) is not { Type: InterfaceStatistics } isb || isb.Body.Length < 12)
                break;
            var id = (int)U32(isb.Body);
            if (id >= clocks.Count)
                break;
            var (units, offset) = clocks[id];
            // dumpcap 4.0 writes these times in microseconds whatever the interface's resolution: take the reading that fits.
            DateTimeOffset? Time(ReadOnlySpan<byte> b)
            {
                var raw = ((ulong)U32(b) << 32) | U32(b[4..]);
                foreach (var perSecond in new[] { units, 1_000_000L })
                {
                    var seconds = raw / (decimal)perSecond + offset;
                    if (seconds >= 0 && seconds < 253_402_300_799m &&
                        DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)) is var t &&
                        t >= firstPacket && t - firstPacket <= LongestCapture)
                        return t;
                }
                return null;
            }
            var at = Time(isb.Body.AsSpan(4));
            foreach (var (code, value) in Options(isb.Body, 12, U16))
            {
                if (code == EndTime && value.Length >= 8)
                    at = Time(value) ?? at;
                else if (code is InterfaceDropped or OsDropped && value.Length >= 8)
                    dropped = (dropped ?? 0) + (long)(bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
            }
            if (at is { } time)
                stopped = stopped is { } s && s > time ? s : time;
            end -= length;
        }
        return stopped is null && dropped is null ? null : new CaptureStatistics(stopped, dropped);
    }

    private sealed record Block(uint Type, long Length, byte[] Body);

    /// <summary>The block at <paramref name="position"/>: its type, total length and body (between the header and the trailing length).</summary>
    private static Block? ReadBlock(FileStream file, long position, Func<ReadOnlySpan<byte>, uint> u32)
    {
        Span<byte> header = stackalloc byte[8];
        if (position < 0 || position + 12 > file.Length)
            return null;
        file.Position = position;
        if (file.Read(header) < 8)
            return null;
        var length = u32(header[4..]);
        if (length < 12 || length % 4 != 0 || position + length > file.Length || length > 1 << 20)
            return null;
        var body = new byte[length - 12];
        file.ReadExactly(body);
        return new Block(u32(header), length, body);
    }

    private static IEnumerable<(ushort Code, byte[] Value)> Options(byte[] body, int start, Func<ReadOnlySpan<byte>, ushort> u16)
    {
        var i = start;
        while (i + 4 <= body.Length)
        {
            var code = u16(body.AsSpan(i));
            var length = u16(body.AsSpan(i + 2));
            if (code == 0 || i + 4 + length > body.Length)
                yield break;
            yield return (code, body.AsSpan(i + 4, length).ToArray());
            i += 4 + ((length + 3) & ~3);
        }
    }
}
