namespace TsharkRst.Rows;

/// <summary>A parsed row together with the values tshark printed for it, in the order of
/// <see cref="PacketRowReader.Columns"/>, so packets.csv can keep tshark's own text.</summary>
public sealed record PacketRecord(PacketRow Row, IReadOnlyList<string> Values);
