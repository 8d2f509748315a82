using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>A match (<see cref="Outlines"/>) between two connections tshark dissected, with their rows.</summary>
public sealed record ConnectionMatch(Connection Here, Connection There, OutlineMatch Outlines)
{
    public MatchBasis By => Outlines.By;

    /// <inheritdoc cref="OutlineMatch.Swapped"/>
    public bool Swapped => Outlines.Swapped;

    /// <summary>The match of two captures' outlines, for the rows of the same connections.</summary>
    public static ConnectionMatch Of(OutlineMatch match, Connection here, Connection there) =>
        new(here, there, match with { Here = ConnectionOutline.Of(match.Here.Number, here), There = ConnectionOutline.Of(match.There.Number, there) });

    /// <summary>True when a packet of the other capture was sent by the client of <see cref="Here"/>.</summary>
    public bool ThereFromClient(PacketRow packet) => There.IsFromClient(packet) != Swapped;
}
