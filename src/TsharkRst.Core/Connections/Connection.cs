using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP connection: its packets in capture order, and which side is which.</summary>
public sealed class Connection : TrackedConnection
{
    private List<PacketRow> _packets = [];

    internal Connection(Endpoint first, Endpoint second) : base(first, second)
    {
    }

    public IReadOnlyList<PacketRow> Packets => _packets;

    public bool IsFromClient(PacketRow packet) =>
        packet.SourcePort == Client.Port && Equals(packet.Source, Client.Address);

    internal void Append(PacketRow packet) => _packets.Add(packet);

    internal void Release() => _packets = [];
}
