using System.Net;
using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Connections;

public class ConnectionAssemblyTests
{
    /// <summary>Rows in frame order, made into connections when asked.</summary>
    private sealed class Rows
    {
        private readonly List<PacketRow> _rows = [];

        public void Add(PacketRow row) => _rows.Add(row);

        public IReadOnlyList<Connection> Connections => ConnectionAssembly.Group(_rows);
    }

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
        var tracker = new Rows();
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
        var tracker = new Rows();
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
        var tracker = new Rows();
        tracker.Add(Packet(1, src, srcPort, dst, dstPort, Ack));
        var connection = Assert.Single(tracker.Connections);
        Assert.Equal(client, connection.Client.ToString());
        Assert.False(connection.SidesFromHandshake);
    }

    [Fact]
    public void A_SYN_ACK_without_its_SYN_still_names_the_client()
    {
        var tracker = new Rows();
        tracker.Add(Packet(1, "192.0.2.10", 22, "198.51.100.10", 40000, Syn | Ack));
        Assert.Equal("198.51.100.10:40000", Assert.Single(tracker.Connections).Client.ToString());
    }

    [Fact]
    public void The_TCP_header_quoted_in_an_ICMP_error_is_not_a_packet_of_the_connection()
    {
        var tracker = new Rows();
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

public class ConnectionJoiningTests
{
    private static readonly Endpoint Client = Endpoint.Parse("192.0.2.10:40000");
    private static readonly Endpoint Other = Endpoint.Parse("192.0.2.11:40001");
    private static readonly Endpoint Server = Endpoint.Parse("198.51.100.10:443");

    private static PacketRow Row(long frame, Endpoint from, Endpoint to, TcpFlags flags, string protocols = "eth:ethertype:ip:tcp") => new()
    {
        Frame = frame,
        Time = DateTimeOffset.UnixEpoch.AddSeconds(frame),
        Protocols = protocols,
        Ipv4Source = from.Address,
        Ipv4Destination = to.Address,
        SourcePort = from.Port,
        DestinationPort = to.Port,
        Flags = flags,
    };

    /// <summary>Two interleaved connections, indexed as the triage pass would: frames 1, 3, 5 and 2, 4, 6.</summary>
    private static (ConnectionIndex Index, PacketRow[] Rows) Interleaved()
    {
        PacketRow[] rows =
        [
            Row(1, Client, Server, Syn), Row(2, Other, Server, Syn), Row(3, Server, Client, Rst | Ack),
            Row(4, Server, Other, Syn | Ack), Row(5, Client, Server, Ack), Row(6, Other, Server, Rst),
        ];
        var index = new ConnectionIndex();
        foreach (var r in rows)
            index.Add(new Endpoint(r.Source!, r.SourcePort!.Value), new Endpoint(r.Destination!, r.DestinationPort!.Value), r.Frame,
                CaptureClock.Nanoseconds(r.Time), r.Flags!.Value, 0);
        return (index, rows);
    }

    [Fact]
    public void Rows_join_their_connection_of_the_index_by_frame_and_each_is_handed_over_at_its_last_frame()
    {
        var (index, rows) = Interleaved();
        var assembly = ConnectionAssembly.Joining(index, _ => true);
        var handed = new List<(long AtFrame, int Number, long[] Frames)>();
        foreach (var row in rows)
            assembly.Add(row, c => handed.Add((row.Frame, c.Number, c.Connection.Packets.Select(p => p.Frame).ToArray())));
        assembly.Finish(c => handed.Add((0, c.Number, [])));
        Assert.Equal([(5L, 0, new long[] { 1, 3, 5 }), (6L, 1, new long[] { 2, 4, 6 })], handed.Select(h => (h.AtFrame, h.Number, h.Frames)).ToList(),
            new HandedComparer());
    }

    [Fact]
    public void Only_the_connections_tshark_reads_are_awaited_and_one_whose_last_frame_never_comes_is_handed_over_at_the_end()
    {
        var (index, rows) = Interleaved();
        // tshark reads the first connection only, and its last row (frame 5) is missing.
        var assembly = ConnectionAssembly.Joining(index, first => first == 1);
        var handed = new List<(long, int, long[])>();
        foreach (var row in rows.Where(r => r.Frame is 1 or 3))
            assembly.Add(row, c => handed.Add((row.Frame, c.Number, c.Connection.Packets.Select(p => p.Frame).ToArray())));
        assembly.Finish(c => handed.Add((0, c.Number, c.Connection.Packets.Select(p => p.Frame).ToArray())));
        Assert.Equal([(0L, 0, new long[] { 1, 3 })], handed, new HandedComparer());
    }

    [Fact]
    public void A_frame_of_the_index_that_tshark_reads_as_no_TCP_packet_is_left_out_of_its_connection()
    {
        var (index, rows) = Interleaved();
        rows[2] = rows[2] with { Protocols = "eth:ethertype:ip:icmp:ip:tcp" };
        var assembly = ConnectionAssembly.Joining(index, _ => true);
        var connections = new List<Connection>();
        foreach (var row in rows)
            assembly.Add(row, c => connections.Add(c.Connection));
        Assert.Equal([1L, 5], connections[0].Packets.Select(p => p.Frame));
        Assert.True(connections[0].HasReset); // as the index read it: the conclusion says when tshark's rows lack it
    }

    [Fact]
    public void A_summary_is_handed_over_only_when_the_rows_tell_more_than_the_index()
    {
        var (index, rows) = Interleaved();
        rows[4] = rows[4] with { Retransmission = true };
        var assembly = ConnectionAssembly.Joining(index, _ => true);
        var summaries = new List<string?>();
        foreach (var row in rows)
            assembly.Add(row, c => summaries.Add(c.Summary?.History));
        Assert.Equal(["SrAT", null], summaries);
    }

    private sealed class HandedComparer : IEqualityComparer<(long, int, long[])>
    {
        public bool Equals((long, int, long[]) a, (long, int, long[]) b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3.SequenceEqual(b.Item3);

        public int GetHashCode((long, int, long[]) h) => HashCode.Combine(h.Item1, h.Item2);
    }
}
