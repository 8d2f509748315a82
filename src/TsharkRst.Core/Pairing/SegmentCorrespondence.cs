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

    /// <summary>The packets in both, for the clocks and the ends of the path.</summary>
    public IEnumerable<SegmentPair> Pairs =>
        Paired.Select(p => new SegmentPair(Match.Here.Segments[p.Here], Match.There.Segments[p.There], p.FromClient, p.Unique));

    public static SegmentCorrespondence Of(OutlineMatch match)
    {
        var here = match.Here.Segments;
        var there = match.There.Segments;
        var hereKeys = here.Select(p => Make(p.FromClient, p.Seq.GetValueOrDefault(), p.Ack.GetValueOrDefault(), p)).ToList();
        var thereKeys = there.Select(p => Make(match.ThereFromClient(p), match.SeqHere(p), match.AckHere(p), p)).ToList();
        var thereByKey = new Dictionary<Key, Queue<int>>();
        for (var j = 0; j < there.Count; j++)
        {
            if (!thereByKey.TryGetValue(thereKeys[j], out var queue))
                thereByKey[thereKeys[j]] = queue = new Queue<int>();
            queue.Enqueue(j);
        }
        var hereCounts = hereKeys.CountBy(k => k).ToDictionary();
        var thereCounts = thereByKey.ToDictionary(e => e.Key, e => e.Value.Count);
        var pairs = new List<(int, int, bool, bool)>();
        var pairedThere = new bool[there.Count];
        var onlyHere = new List<int>();
        for (var i = 0; i < here.Count; i++)
        {
            var key = hereKeys[i];
            if (thereByKey.TryGetValue(key, out var queue) && queue.Count > 0)
            {
                var j = queue.Dequeue();
                pairedThere[j] = true;
                pairs.Add((i, j, key.FromClient, hereCounts[key] == 1 && thereCounts[key] == 1));
            }
            else
            {
                onlyHere.Add(i);
            }
        }
        var onlyThere = Enumerable.Range(0, there.Count).Where(j => !pairedThere[j]).ToList();
        var thereCovers = new SequenceCoverage(thereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        var hereCovers = new SequenceCoverage(hereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        return new SegmentCorrespondence(
            match,
            pairs,
            onlyHere.Where(i => !thereCovers.Covers(hereKeys[i].FromClient, hereKeys[i].Seq, hereKeys[i].Length)).ToList(),
            onlyThere.Where(j => !hereCovers.Covers(thereKeys[j].FromClient, thereKeys[j].Seq, thereKeys[j].Length)).ToList());
    }

    private static Key Make(bool fromClient, uint seq, uint ack, Segment p) =>
        new(fromClient, seq, p.Has(TcpFlags.Ack) ? ack : 0, p.Length, p.Flags & Compared);
}
