using System.Net;
using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>The focused frames split among several tsharks, one group each. Whole connections, since tshark
/// analyses TCP per connection, and with them every connection it may tie to them (<see cref="Units"/>); dealt in the
/// order of their first frames, each to the group with the fewest bytes so far, so that the groups move through the
/// capture side by side (their rows are merged back by frame). The DNS context goes to the first group, in frame
/// order as one tshark would read it; when tshark reads every frame of the capture (<c>Focus.ReadsOriginal</c>), so
/// do the groups: the other connections join the group of those they are tied to, and whatever is left goes to the first.</summary>
public static class FocusGroups
{
    /// <summary>What tshark reads of a packet besides its TCP payload: the headers and the pcapng block.</summary>
    public const int PacketOverhead = 100;

    // Pairs of hosts are remembered by a hash this wide: pairs that share a bucket are taken for one, which only
    // ever keeps more connections together.
    private const int PairBuckets = 1 << 16;

    /// <summary>Ports of protocols whose dissectors tie connections between two hosts beyond their overlap: FTP's 227
    /// or PORT opens a data connection that waits for it, SMB2 keeps sessions (their trees and files) by ID across
    /// connections and reconnections, the DCE/RPC and ONC RPC mappers announce later connections' ports, and RTSP,
    /// H.323 and SIP announce connections of their own. A pair of hosts with a connection on one stays whole.</summary>
    private static readonly HashSet<int> TiedPorts = [21, 111, 135, 139, 445, 554, 1720, 5060, 5061];

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
    /// <param name="wholePairs">keep every connection between a pair of hosts in one group, even those apart in time:
    /// when tshark decrypts TLS, a session resumed on a later connection takes its keys from an earlier one</param>
    public static IReadOnlyList<FrameSet> Split(TriageIndex triage, FrameSet focus, int count, bool everyFrame = false, bool wholePairs = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, byte.MaxValue);
        var connections = triage.Connections;
        bool Focused(IndexedConnection connection) => focus.Contains(connection.FirstFrame);
        bool Read(IndexedConnection connection) => everyFrame || Focused(connection);
        var units = Units(connections, Read, wholePairs);
        var groups = Enumerable.Range(0, count).Select(_ => new FrameSet()).ToArray();
        var bytes = new long[count];
        // The group (+1, 0 for none) of each unit, by its root: dealt in the order of the units' first focused
        // connections, each to the lightest group so far.
        var unitGroups = new byte[connections.Count];
        for (var number = 0; number < connections.Count; number++)
        {
            var connection = connections[number];
            if (!Focused(connection))
                continue;
            ref var group = ref unitGroups[units.Find(number)];
            if (group == 0)
                group = (byte)(Lightest(bytes) + 1);
            bytes[group - 1] += Weight(connection);
        }
        // Every connection read goes to its unit's group; a unit of connections read but not focused on (everyFrame)
        // weighs nothing, since they are a tenth of the frames at most, and goes to the first.
        for (var number = 0; number < connections.Count; number++)
        {
            var connection = connections[number];
            if (!Read(connection))
                continue;
            var group = groups[Math.Max(unitGroups[units.Find(number)] - 1, 0)];
            foreach (var frame in connection.Frames)
                group.Add(frame);
        }
        // The context (DNS, UDP fragments) and whatever else is read outside a connection: one tshark reads it whole.
        foreach (var frame in everyFrame ? FrameSet.Through(triage.LastFrame) : focus)
            if (!InAny(groups, frame))
                groups[0].Add(frame);
        return groups.Where(g => g.Count > 0).ToArray();
    }

    // A loop, not Any with a lambda: it runs for every frame of the capture.
    private static bool InAny(FrameSet[] groups, long frame)
    {
        foreach (var group in groups)
            if (group.Contains(frame))
                return true;
        return false;
    }

    /// <summary>The connections that must share a tshark: those on the same pair of endpoints (tshark keys TCP on
    /// them: a port reused), and those between the same pair of hosts while the pair is active, whatever their
    /// ports (some dissectors keep what one connection says for another between the same hosts). A pair's activity
    /// is its connections overlapping in frames, read or not, in the order of their first frames (the index numbers
    /// them so); a pair is one unit throughout when tshark decrypts TLS (<paramref name="wholePairs"/>) or when it has
    /// a connection on one of <see cref="TiedPorts"/>.</summary>
    private static DisjointSets Units(ConnectionIndex connections, Func<IndexedConnection, bool> read, bool wholePairs)
    {
        var units = new DisjointSets(connections.Count);
        var whole = new bool[PairBuckets];
        foreach (var connection in connections)
            if (wholePairs || TiedPorts.Contains(connection.Client.Port) || TiedPorts.Contains(connection.Server.Port))
                whole[Bucket(connection)] = true;
        // Per bucket of pairs of hosts: the latest unit (+1, 0 for none) and the last frame of its connections so far.
        var pairUnits = new int[PairBuckets];
        var pairEnds = new long[PairBuckets];
        // The first connection read on each pair of endpoints, as the index saw its sides.
        var endpoints = new Dictionary<(Endpoint, Endpoint), int>();
        for (var number = 0; number < connections.Count; number++)
        {
            var connection = connections[number];
            var pair = Bucket(connection);
            if (pairUnits[pair] > 0 && (whole[pair] || connection.FirstFrame <= pairEnds[pair]))
            {
                units.Join(number, pairUnits[pair] - 1);
                pairEnds[pair] = Math.Max(pairEnds[pair], connection.LastFrame);
            }
            else
            {
                (pairUnits[pair], pairEnds[pair]) = (number + 1, connection.LastFrame);
            }
            if (!read(connection))
                continue;
            if (endpoints.TryGetValue((connection.Client, connection.Server), out var same) ||
                endpoints.TryGetValue((connection.Server, connection.Client), out same))
                units.Join(number, same);
            else
                endpoints[(connection.Client, connection.Server)] = number;
        }
        return units;
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
