using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>The focused frames split among several tsharks, one group each. Whole connections, since tshark
/// analyses TCP per connection; dealt in the order of their first frames, each to the group with the fewest bytes
/// so far, so that the groups move through the capture side by side (their rows are merged back by frame). The
/// connections of one pair of endpoints (a port reused) stay in one group, as tshark keys its state on the pair,
/// and the DNS context goes to the first group, in frame order as one tshark would read it.</summary>
public static class FocusGroups
{
    /// <summary>What tshark reads of a packet besides its TCP payload: the headers and the pcapng block.</summary>
    public const int PacketOverhead = 100;

    // Pairs of endpoints are remembered by a hash this wide: two pairs that share a bucket share a group too.
    private const int PairBuckets = 1 << 16;

    /// <summary>Below this mean size a reset connection costs tshark more for being a conversation than for its
    /// bytes, so bytes do not balance the groups (million-rsts' 625,000 connections of 1 KB: one tshark ran 134 s
    /// after the other was done, and the rows held for the merge lifted the peak from 189 to 236 MB).</summary>
    public const long MinMeanConnectionBytes = 16 << 10;

    /// <summary>Whether several tsharks are worth it: at least <paramref name="minBytes"/> of reset connections, and
    /// connections large enough on average for their bytes to balance the groups.</summary>
    public static bool Worthwhile(TriageIndex triage, long minBytes)
    {
        var bytes = Bytes(triage);
        return triage.HasReset && bytes >= minBytes && bytes / triage.Connections.ResetCount >= MinMeanConnectionBytes;
    }

    /// <summary>About how many bytes tshark reads of the reset connections.</summary>
    public static long Bytes(TriageIndex triage)
    {
        var bytes = 0L;
        foreach (var connection in triage.Connections)
            if (connection.HasReset)
                bytes += Weight(connection);
        return bytes;
    }

    /// <summary>The frames of a focus (<see cref="TriageIndex.FocusFrames"/>) in at most <paramref name="count"/> groups,
    /// the empty ones left out.</summary>
    public static IReadOnlyList<FrameSet> Split(TriageIndex triage, FrameSet focus, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, byte.MaxValue);
        var groups = Enumerable.Range(0, count).Select(_ => new FrameSet()).ToArray();
        var bytes = new long[count];
        // The group (+1, 0 for none yet) of the pairs of endpoints in each bucket.
        var pairs = new byte[PairBuckets];
        foreach (var connection in triage.Connections)
        {
            if (connection.Frames.Count == 0 || !focus.Contains(connection.Frames.First))
                continue;
            var bucket = (int)((Stable(connection.Client) + Stable(connection.Server)) % PairBuckets);
            var group = pairs[bucket] > 0 ? pairs[bucket] - 1 : Lightest(bytes);
            pairs[bucket] = (byte)(group + 1);
            bytes[group] += Weight(connection);
            foreach (var frame in connection.Frames)
                groups[group].Add(frame);
        }
        // The context (DNS, UDP fragments) and whatever else is focused on outside a connection: one tshark reads it whole.
        foreach (var frame in focus)
            if (!groups.Any(g => g.Contains(frame)))
                groups[0].Add(frame);
        return groups.Where(g => g.Count > 0).ToArray();
    }

    private static long Weight(IndexedConnection connection) => connection.PayloadBytes + connection.Packets * PacketOverhead;

    /// <summary>A hash of an endpoint that is the same in every run (the groups of a capture do not change).</summary>
    private static uint Stable(Endpoint endpoint)
    {
        Span<byte> address = stackalloc byte[16];
        endpoint.Address.TryWriteBytes(address, out var length);
        var hash = 2166136261u;
        foreach (var b in address[..length])
            hash = (hash ^ b) * 16777619;
        return (hash ^ (uint)endpoint.Port) * 16777619;
    }

    private static int Lightest(long[] bytes)
    {
        var lightest = 0;
        for (var i = 1; i < bytes.Length; i++)
            if (bytes[i] < bytes[lightest])
                lightest = i;
        return lightest;
    }
}
