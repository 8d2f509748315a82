using System.Net;
using System.Runtime.CompilerServices;
using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Connections;

/// <summary>The triage pass's connections against those made of tshark's rows (<see cref="ConnectionAssembly.Group"/>): the same
/// packets make the same connections with the same summaries.</summary>
public class ConnectionIndexTests
{
    private sealed record Rows(IReadOnlyList<Connection> Connections);

    private sealed record Sent(string Source, int SourcePort, string Destination, int DestinationPort, TcpFlags Flags, int Payload = 0);

    private static (ConnectionIndex Index, Rows Tracker) Both(params Sent[] packets)
    {
        var (index, rows) = (new ConnectionIndex(), new List<PacketRow>());
        for (var i = 0; i < packets.Length; i++)
        {
            var (frame, p) = (i + 1L, packets[i]);
            var (source, destination) = (new Endpoint(IPAddress.Parse(p.Source), p.SourcePort), new Endpoint(IPAddress.Parse(p.Destination), p.DestinationPort));
            index.Add(source, destination, frame, frame * 1_000_000_000, p.Flags, p.Payload);
            rows.Add(new PacketRow
            {
                Frame = frame,
                Time = CaptureClock.Time(frame * 1_000_000_000),
                Ipv4Source = source.Address,
                Ipv4Destination = destination.Address,
                SourcePort = p.SourcePort,
                DestinationPort = p.DestinationPort,
                Flags = p.Flags,
                TcpLength = p.Payload,
            });
        }
        return (index, new Rows(ConnectionAssembly.Group(rows)));
    }

    [Fact]
    public void A_new_SYN_after_a_RST_starts_another_connection_as_in_tsharks_rows()
    {
        var (index, tracker) = Both(
            new("192.0.2.10", 40000, "198.51.100.10", 81, Syn),
            new("198.51.100.10", 81, "192.0.2.10", 40000, Rst | Ack),
            new("192.0.2.10", 40000, "198.51.100.10", 81, Syn),
            new("192.0.2.10", 40000, "198.51.100.10", 81, Syn),
            new("198.51.100.11", 81, "192.0.2.10", 40000, Syn | Ack),
            new("198.51.100.10", 81, "192.0.2.10", 40000, Rst | Ack));
        Assert.Equal([[1L, 2], [3L, 4, 6], [5L]], index.Select(c => c.Frames.Frames().ToArray()));
        Assert.Equal(tracker.Connections.Select(ConnectionSummary.Of), index.Select(c => c.Summary()));
        Assert.Equal(2, index.ResetCount);
    }

    [Fact]
    public void A_SYN_seen_after_mid_stream_packets_turns_the_sides_the_history_and_the_bytes_round()
    {
        // The first packet makes the higher port the client; the SYN that follows shows the other side is.
        var (index, tracker) = Both(
            new("192.0.2.10", 40000, "198.51.100.10", 30000, Psh | Ack, Payload: 100),
            new("198.51.100.10", 30000, "192.0.2.10", 40000, Syn),
            new("192.0.2.10", 40000, "198.51.100.10", 30000, Ack),
            new("198.51.100.10", 30000, "192.0.2.10", 40000, Psh | Ack, Payload: 7),
            new("198.51.100.10", 30000, "192.0.2.10", 40000, Rst));
        var summary = Assert.Single(index).Summary();
        Assert.Equal(("198.51.100.10:30000", "dSaDR", 7L, 100L),
            (summary.Client.ToString(), summary.History, summary.ClientBytes, summary.ServerBytes));
        Assert.Equal(ConnectionSummary.Of(Assert.Single(tracker.Connections)), summary);
    }

    [Fact]
    public void Thousands_of_connections_are_found_again_after_the_table_grows()
    {
        var packets = Enumerable.Range(0, 5000).SelectMany(i => new Sent[]
        {
            new("192.0.2.10", 10000 + i, "198.51.100.10", 443, Syn),
            new("198.51.100.10", 443, "192.0.2.10", 10000 + i, i % 2 == 0 ? Rst | Ack : Syn | Ack),
        }).ToArray();
        var (index, tracker) = Both(packets);
        Assert.Equal(5000, index.Count);
        Assert.Equal(2500, index.ResetCount);
        Assert.All(index, c => Assert.Equal(2, c.Packets));
        Assert.Equal(tracker.Connections.Select(ConnectionSummary.Of), index.Select(c => c.Summary()));
    }

    [Fact]
    public void A_complete_index_reads_as_before_and_takes_no_more_packets()
    {
        var (index, _) = Both(new("192.0.2.10", 40000, "198.51.100.10", 443, Syn), new("198.51.100.10", 443, "192.0.2.10", 40000, Rst | Ack),
            new("192.0.2.11", 40001, "198.51.100.10", 443, Syn));
        var before = index.Select(c => c.Summary()).ToArray();
        index.Complete();
        Assert.Equal(before, index.Select(c => c.Summary()));
        Assert.Equal((2, 1), (index.Count, index.ResetCount));
        var client = new Endpoint(IPAddress.Parse("192.0.2.11"), 40001);
        Assert.Throws<InvalidOperationException>(() => index.Add(client, new Endpoint(IPAddress.Parse("198.51.100.10"), 443), 4, 4, Ack, 0));
    }

    [Fact]
    public void A_connection_of_the_index_takes_104_bytes()
    {
        // The triage index holds one per connection of a capture: 65 MB for the 625,000 of the million-RST benchmark,
        // most of the run's peak; 8 bytes more is 5 MB more.
        Assert.Equal(104, Unsafe.SizeOf<IndexedConnection>());
    }

    [Fact]
    public void A_history_turned_round_reads_as_one_recorded_the_other_way()
    {
        var (recorded, otherWay) = (new HistoryBuilder(), new HistoryBuilder());
        (bool FromClient, TcpFlags Flags, int Payload)[] packets = [(true, Syn, 0), (false, Syn | Ack, 0), (true, Ack, 0), (true, Psh | Ack, 5), (false, Fin | Ack, 0)];
        foreach (var (fromClient, flags, payload) in packets)
        {
            recorded.Add(fromClient, flags, payload);
            otherWay.Add(!fromClient, flags, payload);
        }
        Assert.Equal("ShADf", recorded.ToString());
        recorded.Flip();
        Assert.Equal(("sHadF", "sHadF"), (otherWay.ToString(), recorded.ToString()));
        recorded.Add(false, Rst, 0);
        otherWay.Add(false, Rst, 0);
        Assert.Equal(otherWay.ToString(), recorded.ToString());
    }
}
