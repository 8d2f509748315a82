namespace TsharkRst.Capture;

/// <summary>What a focused capture holds, as a tshark shared with other captures must know it: how many frames, every
/// TCP and UDP conversation, and whether it can share at all. It cannot when it carries TLS secrets (tshark would keep
/// them for the next capture's sessions), a frame that is not plain TCP or UDP (an IP fragment waits for the rest
/// of its datagram, an ICMP error or ARP is matched with other packets by address alone), or traffic of a tunnel or a
/// protocol that announces channels.</summary>
public sealed record SectionConversations(long Frames, IReadOnlySet<ConversationKey> Keys, bool Shareable)
{
    /// <summary>Ports of traffic tshark reads as more than its own conversation: tunnels (VXLAN, Geneve, GTP-U,
    /// Teredo: the inner connection is keyed inside), and protocols that announce a channel for later packets (FTP,
    /// TFTP, RTSP, H.323, SIP).</summary>
    private static readonly HashSet<int> Announcing = [21, 69, 554, 1719, 1720, 2152, 3544, 4789, 4790, 5060, 5061, 6081];

    /// <summary>Reads the focused capture at <paramref name="path"/> (a pcapng this tool wrote).</summary>
    public static SectionConversations Read(string path)
    {
        using var reader = CaptureReader.Open(path) ?? throw new IOException($"{path} is not a capture");
        var keys = new HashSet<ConversationKey>();
        var frames = 0L;
        var shareable = true;
        while (reader.Read(out var frame))
        {
            frames++;
            var packet = PacketDecoder.Decode(frame.Interface.LinkType, frame.Data, frame.OriginalLength);
            if (packet.Kind is PacketKind.Tcp or PacketKind.Udp)
                keys.Add(ConversationKey.Of(packet));
            shareable &= packet.Kind is PacketKind.Tcp or PacketKind.Udp && !packet.Encapsulated &&
                         !Announcing.Contains(packet.SourcePort) && !Announcing.Contains(packet.DestinationPort);
        }
        shareable &= reader.Secrets.Count == 0 && reader.Damage is null;
        return new SectionConversations(frames, keys, shareable);
    }
}
