using System.Net;
using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>The focused frames split among several tsharks, one group each. Whole connections, since tshark
/// analyses TCP per connection; dealt in the order of their first frames, each to the group with the fewest bytes
/// so far, so that the groups move through the capture side by side (their rows are merged back by frame). The
/// connections between one pair of hosts stay in one group, whatever their ports: tshark keys TCP on the pair of
/// endpoints (a port reused), and some dissectors keep what one connection says for another connection between
/// the same hosts (an FTP control connection announces its data connection, SMB2 multichannel names a file on one
/// connection and closes it on another). The DNS context goes to the first group, in frame order as one tshark
/// would read it; when tshark reads every frame of the capture (<c>Focus.ReadsOriginal</c>), so do the groups: the
/// other connections join their hosts' group, and whatever is left goes to the first.</summary>
public static class FocusGroups
{
    /// <summary>What tshark reads of a packet besides its TCP payload: the headers and the pcapng block.</summary>
    public const int PacketOverhead = 100;

    // Pairs of hosts are remembered by a hash this wide: two pairs that share a bucket share a group too.
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
    /// <param name="everyFrame">tshark reads every frame of the capture, not only the focus: the groups together hold
    /// every frame from 1 to <see cref="TriageIndex.LastFrame"/></param>
    public static IReadOnlyList<FrameSet> Split(TriageIndex triage, FrameSet focus, int count, bool everyFrame = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, byte.MaxValue);
        var groups = Enumerable.Range(0, count).Select(_ => new FrameSet()).ToArray();
        var bytes = new long[count];
        // The group (+1, 0 for none yet) of the pairs of hosts in each bucket.
        var pairs = new byte[PairBuckets];
        foreach (var connection in triage.Connections)
        {
            if (connection.Frames.Count == 0 || !focus.Contains(connection.Frames.First))
                continue;
            var bucket = Bucket(connection);
            var group = pairs[bucket] > 0 ? pairs[bucket] - 1 : Lightest(bytes);
            pairs[bucket] = (byte)(group + 1);
            bytes[group] += Weight(connection);
            foreach (var frame in connection.Frames)
                groups[group].Add(frame);
        }
        if (everyFrame)
        {
            // Dealt once the focus is, so that they do not weigh on the balance: they are a tenth of the frames at most.
            foreach (var connection in triage.Connections)
            {
                if (connection.Frames.Count == 0 || focus.Contains(connection.Frames.First))
                    continue;
                var group = groups[Math.Max(pairs[Bucket(connection)] - 1, 0)];
                foreach (var frame in connection.Frames)
                    group.Add(frame);
            }
        }
        // The context (DNS, UDP fragments) and whatever else is read outside a connection: one tshark reads it whole.
        foreach (var frame in everyFrame ? FrameSet.Through(triage.LastFrame) : focus)
            if (!groups.Any(g => g.Contains(frame)))
                groups[0].Add(frame);
        return groups.Where(g => g.Count > 0).ToArray();
    }

    /// <summary>The bucket of a connection's pair of hosts, the same both ways.</summary>
    private static int Bucket(IndexedConnection connection) =>
        (int)((Stable(connection.Client.Address) + Stable(connection.Server.Address)) % PairBuckets);

    private static long Weight(IndexedConnection connection) => connection.PayloadBytes + connection.Packets * PacketOverhead;

    /// <summary>A hash of an address that is the same in every run (the groups of a capture do not change).</summary>
    private static uint Stable(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        var hash = 2166136261u;
        foreach (var b in bytes[..length])
            hash = (hash ^ b) * 16777619;
        return hash;
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
