using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>One packet seen in both captures, as tshark dissected it in each. <see cref="Unique"/>: no other
/// packet of the connection looks the same.</summary>
public sealed record PacketPair(PacketRow Here, PacketRow There, bool FromClient, bool Unique);
