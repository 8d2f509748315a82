using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP packet of a connection as pairing compares it: its numbers, its time and its hop count, read
/// by the triage pass or taken from tshark's row alike, so both ways of reading a pair match it the same. Kept
/// small (a pair holds one for every TCP packet of both captures): the time as ticks, the hop count in two bytes.</summary>
public readonly record struct Segment
{
    private readonly long _ticks;
    private readonly short _hopCount;

    public Segment(long frame, DateTimeOffset time, bool fromClient, uint seq, uint ack, TcpFlags flags, int length, int? hopCount, bool isIpv6)
    {
        (Frame, FromClient, Seq, Ack, Flags, Length, IsIpv6) = (frame, fromClient, seq, ack, flags, length, isIpv6);
        (_ticks, _hopCount) = (time.UtcTicks, (short)(hopCount ?? -1));
    }

    public long Frame { get; init; }

    public DateTimeOffset Time { get => new(_ticks, TimeSpan.Zero); init => _ticks = value.UtcTicks; }

    public bool FromClient { get; init; }

    public uint Seq { get; init; }

    public uint Ack { get; init; }

    public TcpFlags Flags { get; init; }

    public int Length { get; init; }

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public int? HopCount { get => _hopCount < 0 ? null : _hopCount; init => _hopCount = (short)(value ?? -1); }

    public bool IsIpv6 { get; init; }

    public bool Has(TcpFlags flag) => (Flags & flag) == flag;

    public static Segment Of(PacketRow row, bool fromClient) =>
        new(row.Frame, row.Time, fromClient, row.Seq.GetValueOrDefault(), row.Ack.GetValueOrDefault(), row.Flags ?? TcpFlags.None,
            row.PayloadLength, row.HopCount, row.IsIpv6);
}
