using System.Net;
using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Connections;

public class ConnectionTrackerTests
{
    private static PacketRow Packet(long frame, string src, int srcPort, string dst, int dstPort, TcpFlags flags, uint seq = 1, double at = 0) => new()
    {
        Frame = frame,
        Time = DateTimeOffset.UnixEpoch.AddSeconds(at),
        Ipv4Source = IPAddress.Parse(src),
        Ipv4Destination = IPAddress.Parse(dst),
        SourcePort = srcPort,
        DestinationPort = dstPort,
        Flags = flags,
        Seq = seq,
    };

    [Fact]
    public void A_new_SYN_after_a_RST_on_the_same_ports_starts_a_new_connection_even_with_the_same_ISN()
    {
        var tracker = new ConnectionTracker();
        tracker.Add(Packet(1, "192.0.2.10", 40000, "198.51.100.10", 81, Syn, seq: 100));
        tracker.Add(Packet(2, "198.51.100.10", 81, "192.0.2.10", 40000, Rst | Ack));
        tracker.Add(Packet(3, "192.0.2.10", 40000, "198.51.100.10", 81, Syn, seq: 100, at: 1));
        tracker.Add(Packet(4, "192.0.2.10", 40000, "198.51.100.10", 81, Syn, seq: 9000, at: 2));
        tracker.Add(Packet(5, "198.51.100.10", 81, "192.0.2.10", 40000, Rst | Ack, at: 2));
        Assert.Equal([[1L, 2], [3L, 4, 5]], tracker.Connections.Select(c => c.Packets.Select(p => p.Frame).ToArray()));
    }

    [Fact]
    public void A_connection_stays_one_however_long_it_is_idle()
    {
        var tracker = new ConnectionTracker();
        tracker.Add(Packet(1, "192.0.2.10", 40000, "198.51.100.10", 443, Syn));
        tracker.Add(Packet(2, "198.51.100.10", 443, "192.0.2.10", 40000, Syn | Ack));
        tracker.Add(Packet(3, "192.0.2.10", 40000, "198.51.100.10", 443, Ack, at: 1));
        tracker.Add(Packet(4, "192.0.2.10", 40000, "198.51.100.10", 443, Psh | Ack, at: 7200));
        tracker.Add(Packet(5, "198.51.100.10", 443, "192.0.2.10", 40000, Rst, at: 7200));
        Assert.Equal(5, Assert.Single(tracker.Connections).Packets.Count);
    }

    [Theory]
    [InlineData("198.51.100.10", 443, "192.0.2.10", 51000, "192.0.2.10:51000")]   // first packet from the server
    [InlineData("192.0.2.10", 51000, "198.51.100.10", 8443, "192.0.2.10:51000")]  // a commonly served port above 1023
    [InlineData("192.0.2.10", 1000, "198.51.100.10", 8443, "192.0.2.10:1000")]    // the served port wins over "higher port"
    [InlineData("192.0.2.10", 40000, "198.51.100.10", 30000, "192.0.2.10:40000")] // neither well known: the higher port
    public void Without_a_SYN_the_client_is_the_side_on_the_ephemeral_port(string src, int srcPort, string dst, int dstPort, string client)
    {
        var tracker = new ConnectionTracker();
        tracker.Add(Packet(1, src, srcPort, dst, dstPort, Ack));
        var connection = Assert.Single(tracker.Connections);
        Assert.Equal(client, connection.Client.ToString());
        Assert.False(connection.SidesFromHandshake);
    }

    [Fact]
    public void A_SYN_ACK_without_its_SYN_still_names_the_client()
    {
        var tracker = new ConnectionTracker();
        tracker.Add(Packet(1, "192.0.2.10", 22, "198.51.100.10", 40000, Syn | Ack));
        Assert.Equal("198.51.100.10:40000", Assert.Single(tracker.Connections).Client.ToString());
    }

    [Fact]
    public void The_TCP_header_quoted_in_an_ICMP_error_is_not_a_packet_of_the_connection()
    {
        var tracker = new ConnectionTracker();
        tracker.Add(Packet(1, "192.0.2.10", 40000, "198.51.100.10", 80, Syn) with { Protocols = "eth:ethertype:ip:icmp:ip:tcp" });
        Assert.Empty(tracker.Connections);
    }

    [Fact]
    public void Endpoints_print_IPv6_in_canonical_form_and_parse_back()
    {
        var endpoint = Endpoint.Parse("[2001:0db8:0001:0000:0000:0000:0000:0010]:443");
        Assert.Equal("[2001:db8:1::10]:443", endpoint.ToString());
        Assert.Equal(endpoint, Endpoint.Parse(endpoint.ToString()));
        Assert.False(Endpoint.TryParse("198.51.100.10", out _));
    }

    [Fact]
    public void An_endpoint_formats_into_a_span_only_when_it_fits()
    {
        var endpoint = Endpoint.Parse("[2001:db8:1::10]:443");
        Span<char> text = stackalloc char[Endpoint.MaxLength];
        Assert.True(endpoint.TryFormat(text, out var length));
        Assert.Equal("[2001:db8:1::10]:443", text[..length].ToString());
        foreach (var tooShort in new[] { 0, 1, 15, 16, 19 })
            Assert.False(endpoint.TryFormat(text[..tooShort], out _));
        var longest = Endpoint.Parse("[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255%4294967295]:65535");
        Assert.True(longest.TryFormat(text, out length));
        Assert.Equal(longest.ToString(), text[..length].ToString());
    }
}
