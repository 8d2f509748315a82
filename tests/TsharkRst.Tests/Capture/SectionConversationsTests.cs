using TsharkRst.Capture;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Capture;

public class SectionConversationsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("tsharkrst-sections-");

    public void Dispose() => _folder.Dispose();

    private static readonly byte[] ClientSyn = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40000, 443, 1000, 0, TcpFlags.Syn));
    private static readonly byte[] ServerRst = Frames.Ipv4("198.51.100.10", "192.0.2.10", 6, Frames.Tcp(443, 40000, 0, 1001, TcpFlags.Rst | TcpFlags.Ack));
    private static readonly byte[] DnsQuery = Frames.Ipv4("192.0.2.10", "198.51.100.53", 17, Frames.Udp(50000, 53, new byte[12]));

    private SectionConversations Read(params byte[][] packets)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, CaptureFile.Pcap(101, packets.Select((p, i) => (1_795_000_000_000_000_000L + i * 1_000_000L, p))));
        return SectionConversations.Read(path);
    }

    [Fact]
    public void Both_directions_of_a_connection_are_one_conversation_and_dns_another()
    {
        var section = Read(ClientSyn, ServerRst, DnsQuery);

        Assert.Equal(3, section.Frames);
        Assert.Equal(2, section.Keys.Count);
        Assert.True(section.Shareable);
    }

    [Fact]
    public void A_conversation_key_is_the_same_from_either_end()
    {
        var there = PacketDecoder.Decode(101, ClientSyn, (uint)ClientSyn.Length);
        var back = PacketDecoder.Decode(101, ServerRst, (uint)ServerRst.Length);

        Assert.Equal(ConversationKey.Of(there), ConversationKey.Of(back));
        Assert.NotEqual(ConversationKey.Of(there), ConversationKey.Of(PacketDecoder.Decode(101, DnsQuery, (uint)DnsQuery.Length)));
    }

    [Fact]
    public void An_icmp_error_a_tunnel_or_an_ftp_control_connection_keeps_a_capture_from_sharing()
    {
        var icmp = Frames.Ipv4("198.51.100.1", "192.0.2.10", 1, new byte[36]);
        var vxlan = Frames.Ipv4("192.0.2.10", "198.51.100.10", 17, Frames.Udp(50001, 4789, new byte[16]));
        var ftp = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40001, 21, 1, 0, TcpFlags.Syn));

        Assert.False(Read(ClientSyn, icmp, ServerRst).Shareable);
        Assert.False(Read(ClientSyn, vxlan, ServerRst).Shareable);
        Assert.False(Read(ftp).Shareable);
        Assert.True(Read(ClientSyn, ServerRst).Shareable);
    }
}
