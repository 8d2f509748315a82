namespace TsharkRst.Capture;

/// <summary>A TCP or UDP conversation as tshark keys its state on it: the transport and both endpoints, the lower
/// endpoint first, so both directions give the same key.</summary>
public readonly record struct ConversationKey(PacketKind Transport, bool IsIpv6, AddressBits LowAddress, int LowPort, AddressBits HighAddress, int HighPort)
{
    public static ConversationKey Of(in DecodedPacket packet)
    {
        var sourceFirst = packet.Source < packet.Destination ||
                          (packet.Source == packet.Destination && packet.SourcePort <= packet.DestinationPort);
        return sourceFirst
            ? new ConversationKey(packet.Kind, packet.IsIpv6, packet.Source, packet.SourcePort, packet.Destination, packet.DestinationPort)
            : new ConversationKey(packet.Kind, packet.IsIpv6, packet.Destination, packet.DestinationPort, packet.Source, packet.SourcePort);
    }
}
