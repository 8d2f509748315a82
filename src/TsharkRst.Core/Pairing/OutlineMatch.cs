using TsharkRst.Connections;

namespace TsharkRst.Pairing;

/// <summary>The same TCP connection seen in two captures. <see cref="Swapped"/>: the captures
/// disagree on which endpoint is the client (one of them guessed it from ports). The shifts are
/// what a device on the path added to each side's sequence numbers (0 unless it rewrites them).</summary>
public sealed record OutlineMatch(ConnectionOutline Here, ConnectionOutline There, MatchBasis By, bool Swapped, uint ClientSeqShift, uint ServerSeqShift)
{
    /// <summary>True when a packet of the other capture was sent by the client of <see cref="Here"/>.</summary>
    public bool ThereFromClient(Segment packet) => packet.FromClient != Swapped;

    /// <summary>A sequence number of the other capture in this capture's numbering.</summary>
    public uint SeqHere(Segment there) =>
        unchecked(there.Seq - (ThereFromClient(there) ? ClientSeqShift : ServerSeqShift));

    /// <summary>An acknowledgement number of the other capture in this capture's numbering.</summary>
    public uint AckHere(Segment there) =>
        unchecked(there.Ack - (ThereFromClient(there) ? ServerSeqShift : ClientSeqShift));

    /// <summary>This match seen from the other capture.</summary>
    public OutlineMatch Reversed() =>
        new(There, Here, By, Swapped, unchecked(0u - (Swapped ? ServerSeqShift : ClientSeqShift)), unchecked(0u - (Swapped ? ClientSeqShift : ServerSeqShift)));
}
