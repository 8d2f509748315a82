using System.Net;
using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Rows;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Capture;

public class FocusGroupsTests
{
    private static readonly Endpoint Server = new(IPAddress.Parse("198.51.100.10"), 80);

    private static readonly Endpoint Ftp = new(IPAddress.Parse("198.51.100.10"), 21);

    private static Endpoint Client(int last, int port) => new(IPAddress.Parse($"192.0.2.{last}"), port);

    private static Endpoint Data(int port) => new(IPAddress.Parse("198.51.100.10"), port);

    /// <summary>Frame 4 is DNS (context, in no connection); frame 8 opens a connection that is never reset.</summary>
    private static TriageIndex Triage(int transfer = 5000)
    {
        var (a, b, c, d) = (Client(10, 40000), Client(11, 40001), Client(12, 40002), Client(13, 40003));
        return Triage([
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
        ], context: 4);
    }

    /// <summary>Packet n is frame n + 1; a null is a frame in no connection (DNS when it is the <paramref name="context"/>).</summary>
    private static TriageIndex Triage((Endpoint From, Endpoint To, TcpFlags Flags, int Payload)?[] packets, int? context = null)
    {
        var index = new ConnectionIndex();
        for (var i = 0; i < packets.Length; i++)
            if (packets[i] is { } p)
                index.Add(p.From, p.To, i + 1, (i + 1) * 1_000_000L, p.Flags, p.Payload);
        var frames = new FrameList();
        if (context is { } frame)
            frames.Add(frame);
        return new TriageIndex
        {
            Packets = packets.Length,
            LastFrame = packets.Length,
            First = null,
            Last = null,
            Connections = index,
            Profiles = new AddressProfiles(),
            ContextFrames = frames,
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

    [Fact]
    public void Connections_between_one_pair_of_hosts_that_overlap_share_a_group_whatever_their_ports()
    {
        // Two FTP clients, each with a control connection and a data connection (50000, 50001), all reset; the control
        // port is 2121, not one of the tied ports, so only the overlap keeps each client's connections together.
        var control = new Endpoint(Server.Address, 2121);
        var (a, b) = (Client(10, 40000), Client(11, 40001));
        var (aData, bData) = (Client(10, 40002), Client(11, 40003));
        var triage = Triage([
            (a, control, Syn, 0),
            (control, a, Ack | Psh, 50),
            (b, control, Syn, 0),
            (aData, Data(50000), Syn, 0),
            (Data(50000), aData, Ack | Psh, 5000),
            (bData, Data(50001), Syn, 0),
            (Data(50000), aData, Rst, 0),
            (Data(50001), bData, Rst, 0),
            (a, control, Rst, 0),
            (b, control, Rst, 0),
        ]);
        Assert.Equal(4, triage.Connections.ResetCount);

        var groups = FocusGroups.Split(triage, triage.FocusFrames(), 3);

        // Keyed on endpoints alone, a's data connection would have gone to the empty third group, away from the 227 that announced it.
        Assert.Equal([[1L, 2, 4, 5, 7, 9], [3L, 6, 8, 10]], groups.Select(g => g.ToArray()));
    }

    [Fact]
    public void Read_whole_the_other_connections_join_the_group_of_those_they_overlap_and_the_other_frames_the_first()
    {
        var (a, b, c) = (Client(10, 40000), Client(11, 40001), Client(12, 40004));
        var (aData, bData) = (Client(10, 40002), Client(11, 40003));
        var triage = Triage([
            (a, Ftp, Syn, 0),
            (b, Ftp, Syn, 0), // b's control connection is never reset
            null, // ARP, say
            (aData, Data(50000), Syn, 0),
            (Data(50000), aData, Ack | Psh, 5000),
            (bData, Data(50001), Syn, 0),
            (Data(50001), bData, Ack | Psh, 4000),
            (c, Server, Syn, 0), // never reset, and c has nothing else
            (Data(50000), aData, Rst, 0),
            (Data(50001), bData, Rst, 0),
            (a, Ftp, Rst, 0),
            (Ftp, b, Ack | Psh, 30), // b's 226, after its data connection
        ]);
        var focus = triage.FocusFrames();
        Assert.Equal([1L, 4, 5, 6, 7, 9, 10, 11], focus.ToArray());

        Assert.Equal([[1L, 4, 5, 9, 11], [6L, 7, 10]], FocusGroups.Split(triage, focus, 3).Select(g => g.ToArray()));
        Assert.Equal([[1L, 3, 4, 5, 8, 9, 11], [2L, 6, 7, 10, 12]],
            FocusGroups.Split(triage, focus, 3, everyFrame: true).Select(g => g.ToArray()));
    }

    [Fact]
    public void Connections_of_one_pair_of_hosts_apart_in_time_are_dealt_apart_unless_they_reuse_a_pair_of_endpoints_or_TLS_is_decrypted()
    {
        var (first, second) = (Client(10, 40000), Client(10, 40001));
        var triage = Triage([
            (first, Server, Syn, 0),
            (Server, first, Ack | Psh, 5000),
            (Server, first, Rst | Ack, 0),
            (second, Server, Syn, 0), // after the first ended: the lighter group
            (Server, second, Rst | Ack, 0),
            (first, Server, Syn, 0), // the first's endpoints again: the first's group
            (Server, first, Rst | Ack, 0),
        ]);

        Assert.Equal([[1L, 2, 3, 6, 7], [4L, 5]], FocusGroups.Split(triage, triage.FocusFrames(), 2).Select(g => g.ToArray()));
        Assert.Equal([[1L, 2, 3, 4, 5, 6, 7]], FocusGroups.Split(triage, triage.FocusFrames(), 2, wholePairs: true).Select(g => g.ToArray()));
    }

    [Fact]
    public void A_pair_of_hosts_stays_in_one_group_while_any_of_its_connections_is_open_or_when_it_uses_a_tied_port()
    {
        var (first, bridge, last) = (Client(10, 40000), Client(10, 40001), Client(10, 40002));
        TriageIndex Triage(Endpoint server, bool bridgeOutlivesFirst) => FocusGroupsTests.Triage([
            (first, server, Syn, 0),
            (bridge, server, Syn, 0), // never reset, so never read
            (server, first, Ack | Psh, 5000),
            (server, first, Rst | Ack, 0),
            (last, server, Syn, 0),
            bridgeOutlivesFirst ? (server, bridge, Ack | Psh, 10) : null,
            (server, last, Rst | Ack, 0),
        ]);

        // The bridge is open from before the first ends until after the last starts: one stretch of the pair's activity.
        Assert.Equal([[1L, 3, 4, 5, 7]], FocusGroups.Split(Triage(Server, true), Triage(Server, true).FocusFrames(), 2).Select(g => g.ToArray()));
        Assert.Equal([[1L, 3, 4], [5L, 7]], FocusGroups.Split(Triage(Server, false), Triage(Server, false).FocusFrames(), 2).Select(g => g.ToArray()));
        // SMB keeps sessions across connections, whenever they are open.
        var smb = new Endpoint(Server.Address, 445);
        Assert.Equal([[1L, 3, 4, 5, 7]], FocusGroups.Split(Triage(smb, false), Triage(smb, false).FocusFrames(), 2).Select(g => g.ToArray()));
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
