using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>Which packets of a matched connection are in both captures, and which in one only, by their places in
/// each outline. Packets correspond when they carry the same direction, sequence and acknowledgement numbers (in
/// this capture's numbering), payload length and SYN/FIN/RST/ACK flags; copies are paired in order. A payload that
/// the other capture holds cut or joined differently (segmentation offload, GRO) counts as seen there, not as lost.</summary>
public sealed record SegmentCorrespondence(
    OutlineMatch Match,
    IReadOnlyList<(int Here, int There, bool FromClient, bool Unique)> Paired,
    IReadOnlyList<int> OnlyHere,
    IReadOnlyList<int> OnlyThere)
{
    private const TcpFlags Compared = TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack;

    private readonly record struct Key(bool FromClient, uint Seq, uint Ack, int Length, TcpFlags Flags);

    public static SegmentCorrespondence Of(OutlineMatch match)
    {
        var (paired, hereKeys, thereKeys, pairedHere, pairedThere) = Correspond(match);
        var thereCovers = new SequenceCoverage(thereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        var hereCovers = new SequenceCoverage(hereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        return new SegmentCorrespondence(
            match,
            paired,
            Enumerable.Range(0, hereKeys.Length)
                .Where(i => !pairedHere[i] && !thereCovers.Covers(hereKeys[i].FromClient, hereKeys[i].Seq, hereKeys[i].Length)).ToList(),
            Enumerable.Range(0, thereKeys.Length)
                .Where(j => !pairedThere[j] && !hereCovers.Covers(thereKeys[j].FromClient, thereKeys[j].Seq, thereKeys[j].Length)).ToList());
    }

    /// <summary>Only the packets in both, in this capture's order: what the clocks and the ends of the path are read from.</summary>
    public static List<SegmentPair> PairsOf(OutlineMatch match) =>
        Correspond(match).Paired.Select(p => new SegmentPair(match.Here.Segments[p.Here], match.There.Segments[p.There], p.FromClient, p.Unique)).ToList();

    private static (List<(int Here, int There, bool FromClient, bool Unique)> Paired, Key[] HereKeys, Key[] ThereKeys, bool[] PairedHere, bool[] PairedThere) Correspond(OutlineMatch match)
    {
        var here = match.Here.Segments;
        var there = match.There.Segments;
        var hereKeys = new Key[here.Count];
        for (var i = 0; i < here.Count; i++)
            hereKeys[i] = Make(here[i].FromClient, here[i].Seq, here[i].Ack, here[i]);
        var thereKeys = new Key[there.Count];
        for (var j = 0; j < there.Count; j++)
            thereKeys[j] = Make(match.ThereFromClient(there[j]), match.SeqHere(there[j]), match.AckHere(there[j]), there[j]);

        // Copies of one key are chained in capture order: the first not yet paired, the last, and how many there are.
        var thereByKey = new Dictionary<Key, (int First, int Last, int Count)>(there.Count);
        var nextCopy = new int[there.Count];
        for (var j = 0; j < there.Count; j++)
        {
            nextCopy[j] = -1;
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(thereByKey, thereKeys[j], out var seen);
            if (seen)
            {
                nextCopy[entry.Last] = j;
                entry.Last = j;
                entry.Count++;
            }
            else
            {
                entry = (j, j, 1);
            }
        }
        var hereCounts = new Dictionary<Key, int>(here.Count);
        foreach (var key in hereKeys)
            CollectionsMarshal.GetValueRefOrAddDefault(hereCounts, key, out _)++;

        var paired = new List<(int Here, int There, bool FromClient, bool Unique)>();
        var pairedHere = new bool[here.Count];
        var pairedThere = new bool[there.Count];
        for (var i = 0; i < here.Count; i++)
        {
            var key = hereKeys[i];
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(thereByKey, key);
            if (Unsafe.IsNullRef(ref entry) || entry.First < 0)
                continue;
            var j = entry.First;
            entry.First = nextCopy[j];
            pairedHere[i] = pairedThere[j] = true;
            paired.Add((i, j, key.FromClient, hereCounts[key] == 1 && entry.Count == 1));
        }
        return (paired, hereKeys, thereKeys, pairedHere, pairedThere);
    }

    private static Key Make(bool fromClient, uint seq, uint ack, Segment p) =>
        new(fromClient, seq, p.Has(TcpFlags.Ack) ? ack : 0, p.Length, p.Flags & Compared);
}
