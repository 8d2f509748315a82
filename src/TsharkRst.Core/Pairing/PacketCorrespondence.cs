using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>Which packets of a matched connection are in both captures, and which in one only.
/// Packets correspond when they carry the same direction, sequence and acknowledgement numbers
/// (in this capture's numbering), payload length and SYN/FIN/RST/ACK flags; copies are paired in
/// order. A payload that the other capture holds cut or joined differently (segmentation offload,
/// GRO) counts as seen there, not as lost.</summary>
public sealed record PacketCorrespondence(
    ConnectionMatch Match,
    IReadOnlyList<PacketPair> Pairs,
    IReadOnlyList<PacketRow> OnlyHere,
    IReadOnlyList<PacketRow> OnlyThere)
{
    private const TcpFlags Compared = TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack;

    private readonly record struct Key(bool FromClient, uint Seq, uint Ack, int Length, TcpFlags Flags);

    public static PacketCorrespondence Of(ConnectionMatch match)
    {
        var here = match.Here.Packets;
        var there = match.There.Packets;
        var hereKeys = here.Select(p => KeyHere(match, p)).ToList();
        var thereKeys = there.Select(p => KeyThere(match, p)).ToList();
        var thereByKey = new Dictionary<Key, Queue<int>>();
        for (var j = 0; j < there.Count; j++)
        {
            if (!thereByKey.TryGetValue(thereKeys[j], out var queue))
                thereByKey[thereKeys[j]] = queue = new Queue<int>();
            queue.Enqueue(j);
        }
        var hereCounts = hereKeys.CountBy(k => k).ToDictionary();
        var thereCounts = thereByKey.ToDictionary(e => e.Key, e => e.Value.Count);
        var pairs = new List<PacketPair>();
        var pairedThere = new bool[there.Count];
        var onlyHere = new List<int>();
        for (var i = 0; i < here.Count; i++)
        {
            var key = hereKeys[i];
            if (thereByKey.TryGetValue(key, out var queue) && queue.Count > 0)
            {
                var j = queue.Dequeue();
                pairedThere[j] = true;
                pairs.Add(new PacketPair(here[i], there[j], key.FromClient, hereCounts[key] == 1 && thereCounts[key] == 1));
            }
            else
            {
                onlyHere.Add(i);
            }
        }
        var onlyThere = Enumerable.Range(0, there.Count).Where(j => !pairedThere[j]).ToList();
        var thereCovers = new SequenceCoverage(thereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        var hereCovers = new SequenceCoverage(hereKeys.Select(k => (k.FromClient, k.Seq, k.Length)));
        return new PacketCorrespondence(
            match,
            pairs,
            onlyHere.Where(i => !thereCovers.Covers(hereKeys[i].FromClient, hereKeys[i].Seq, hereKeys[i].Length)).Select(i => here[i]).ToList(),
            onlyThere.Where(j => !hereCovers.Covers(thereKeys[j].FromClient, thereKeys[j].Seq, thereKeys[j].Length)).Select(j => there[j]).ToList());
    }

    private static Key KeyHere(ConnectionMatch match, PacketRow p) =>
        Make(match.Here.IsFromClient(p), p.Seq.GetValueOrDefault(), p.Ack.GetValueOrDefault(), p);

    private static Key KeyThere(ConnectionMatch match, PacketRow p) =>
        Make(match.ThereFromClient(p), match.SeqHere(p), match.AckHere(p), p);

    private static Key Make(bool fromClient, uint seq, uint ack, PacketRow p) =>
        new(fromClient, seq, p.Has(TcpFlags.Ack) ? ack : 0, p.PayloadLength, (p.Flags ?? TcpFlags.None) & Compared);
}
