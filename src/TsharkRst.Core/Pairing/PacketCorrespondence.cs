using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>Which packets of a matched connection are in both captures, and which in one only, as tshark's rows:
/// <see cref="SegmentCorrespondence"/> over the outlines of the rows.</summary>
public sealed record PacketCorrespondence(
    ConnectionMatch Match,
    IReadOnlyList<PacketPair> Pairs,
    IReadOnlyList<PacketRow> OnlyHere,
    IReadOnlyList<PacketRow> OnlyThere)
{
    public static PacketCorrespondence Of(ConnectionMatch match)
    {
        var (here, there) = (match.Here.Packets, match.There.Packets);
        var segments = SegmentCorrespondence.Of(match.Outlines);
        return new PacketCorrespondence(
            match,
            segments.Paired.Select(p => new PacketPair(here[p.Here], there[p.There], p.FromClient, p.Unique)).ToList(),
            segments.OnlyHere.Select(i => here[i]).ToList(),
            segments.OnlyThere.Select(j => there[j]).ToList());
    }
}
