namespace TsharkRst.Connections;

/// <summary>Capture timestamps (nanoseconds since 1970) as the tool's times.</summary>
public static class CaptureClock
{
    /// <summary>Truncated to 100 ns ticks, as the rows parsed from tshark's epoch seconds are.</summary>
    public static DateTimeOffset Time(long nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanoseconds >= 0 ? nanoseconds / 100 : (nanoseconds - 99) / 100);

    /// <summary>A row's time as nanoseconds since 1970, which <see cref="Time"/> turns back into the same time.</summary>
    public static long Nanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;
}
