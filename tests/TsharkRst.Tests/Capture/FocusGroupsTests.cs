using System.Net;
using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Capture;

public class FocusGroupsTests
{
    private static readonly Endpoint Server = new(IPAddress.Parse("198.51.100.10"), 80);

    private static Endpoint Client(int last, int port) => new(IPAddress.Parse($"192.0.2.{last}"), port);

    /// <summary>Frame 4 is DNS (context, in no connection); frame 8 opens a connection that is never reset.</summary>
    private static TriageIndex Triage(int transfer = 5000)
    {
        var (a, b, c, d) = (Client(10, 40000), Client(11, 40001), Client(12, 40002), Client(13, 40003));
        (Endpoint From, Endpoint To, TcpFlags Flags, int Payload)?[] packets =
        [
            (a, Server, Syn, 0),
            (b, Server, Syn, 0),
            (Server, a, Ack | Psh, transfer),
            null,
            (c, Server, Syn, 0),
            (a, Server, Rst, 0),
            (Server, b, Rst | Ack, 0),
            (d, Server, Syn, 0),
            (Server, c, Rst | Ack, 0),
            (a, Server, Syn, 0), // the same pair of endpoints again: a new connection
            (Server, a, Rst | Ack, 0),
        ];
        var index = new ConnectionIndex();
        for (var i = 0; i < packets.Length; i++)
            if (packets[i] is { } p)
                index.Add(p.From, p.To, i + 1, (i + 1) * 1_000_000L, p.Flags, p.Payload);
        var context = new FrameList();
        context.Add(4);
        return new TriageIndex
        {
            Packets = packets.Length,
            LastFrame = packets.Length,
            First = null,
            Last = null,
            Connections = index,
            Profiles = new AddressProfiles(),
            ContextFrames = context,
        };
    }

    [Fact]
    public void Whole_reset_connections_go_to_the_lightest_group_a_reused_pair_to_its_first_and_the_context_to_the_first()
    {
        var triage = Triage();
        Assert.Equal(5, triage.Connections.Count);

        var groups = FocusGroups.Split(triage, triage.FocusFrames(), 2);

        // 40000's transfer (5000 + 3 x 100 bytes) outweighs the rest, which go to the second group; its second
        // connection follows the pair of endpoints, and the DNS goes with the first.
        Assert.Equal([[1L, 3, 4, 6, 10, 11], [2L, 5, 7, 9]], groups.Select(g => g.ToArray()));
        Assert.Equal(5300 + 200 * 3, FocusGroups.Bytes(triage));
    }

    [Fact]
    public void Groups_left_empty_are_left_out()
    {
        var triage = Triage();
        var groups = FocusGroups.Split(triage, triage.FocusFrames(), 8);

        Assert.Equal([[1L, 3, 4, 6, 10, 11], [2L, 7], [5L, 9]], groups.Select(g => g.ToArray()));
    }

    [Theory]
    [InlineData(100_000, 100_900, true)] // 100,900 bytes in 4 reset connections: 25 KB on average
    [InlineData(100_000, 100_901, false)] // fewer bytes than asked for
    [InlineData(5_000, 0, false)] // 1.5 KB on average: bytes do not balance tshark's work
    public void Several_tsharks_are_worth_it_from_the_bytes_asked_for_when_connections_are_large_on_average(int transfer, long minBytes, bool expected)
    {
        Assert.Equal(expected, FocusGroups.Worthwhile(Triage(transfer), minBytes));
    }
}
