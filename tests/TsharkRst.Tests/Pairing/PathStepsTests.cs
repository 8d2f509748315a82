using TsharkRst.Findings;
using TsharkRst.Pairing;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>The paired ladder's packets: each with its frame in both captures, on this capture's
/// clock, and what became of it between the two capture points.</summary>
public class PathStepsTests
{
    private static TwoEnds Requested() =>
        TwoEnds.Start().Handshake().Client(Psh | Ack, 120).Server(Ack);

    private static IEnumerable<(long? Here, long? There, PathFate Fate, bool FromClient, bool FirstRst)> Rows(PathLadder ladder) =>
        ladder.Steps.Select(s => (s.FrameHere, s.FrameThere, s.Fate, s.Packet.FromClient, s.IsFirstRst));

    [Fact]
    public void A_request_lost_on_the_path_and_a_RST_forged_in_the_servers_name_are_told_apart_from_what_crossed()
    {
        var finding = Requested().Client(Psh | Ack, 50, lost: true).ForgedToClient(Rst | Ack).DiagnoseAtClient();

        var ladder = finding.PathLadder!;
        Assert.Equal((Side.Client, "client.pcapng", "server.pcapng", 5.0), (ladder.HereSide, ladder.HereName, ladder.ThereName, ladder.ClockOffsetSeconds));
        Assert.Equal(
        [
            (1, 1, PathFate.Crossed, true, false),
            (2, 2, PathFate.Crossed, false, false),
            (3, 3, PathFate.Crossed, true, false),
            (4, 4, PathFate.Crossed, true, false),
            (5, 5, PathFate.Crossed, false, false),
            (6, null, PathFate.Dropped, true, false),
            (7, null, PathFate.MadeOnPath, false, true),
        ], Rows(ladder));
        // Times are this capture's: the server's copies, 5 s ahead, are not what the rows show.
        Assert.Equal([0, 0.012, 0.02, 0.03, 0.042, 0.05, 0.062], ladder.Steps.Select(s => s.Packet.Offset));
    }

    [Fact]
    public void Seen_from_the_server_side_the_clients_packets_it_never_got_are_shown_on_its_clock_with_their_client_side_frames()
    {
        var finding = Requested().Client(Psh | Ack, 50, lost: true).Server(Rst | Ack, after: 0.02).DiagnoseAtServer();

        var ladder = finding.PathLadder!;
        Assert.Equal(Side.Server, ladder.HereSide);
        Assert.Equal(
        [
            (1, 1, PathFate.Crossed, true, false),
            (2, 2, PathFate.Crossed, false, false),
            (3, 3, PathFate.Crossed, true, false),
            (4, 4, PathFate.Crossed, true, false),
            (5, 5, PathFate.Crossed, false, false),
            (null, 6, PathFate.Dropped, true, false),
            (6, 7, PathFate.Crossed, false, true),
        ], Rows(ladder));
        var lost = ladder.Steps[5].Packet;
        Assert.Equal((6, 50, "PSH/ACK"), (lost.Frame, lost.Length, lost.Flags));
        Assert.Equal(0.048, lost.Offset);
    }

    [Fact]
    public void A_packet_the_other_capture_was_not_running_for_proves_nothing_on_the_path()
    {
        var ends = Requested().Client(Psh | Ack, 50, after: 30).ForgedToClient(Rst | Ack);
        // The server-side capture stopped with its last packet, before the forged RST came.
        var finding = ends.DiagnoseAtClient(ends.ClientSidePairing(serverRunsOn: TimeSpan.Zero));

        var rst = finding.PathLadder!.Steps.Single(s => s.IsFirstRst);
        Assert.Equal((7L, (long?)null, PathFate.OneCapture), (rst.Packet.Frame, rst.FrameThere, rst.Fate));
        Assert.Null(finding.Pair!.RstLeftSender);
    }

    [Fact]
    public void Without_a_clock_or_with_the_ends_unknown_there_is_no_paired_ladder()
    {
        var ends = TwoEnds.Start(sameSegment: true, delay: TimeSpan.Zero, offset: TimeSpan.Zero).Handshake()
            .Client(Psh | Ack, 120).Server(Rst | Ack);
        var finding = ends.DiagnoseAtClient();

        Assert.Equal(Side.Unknown, ends.ClientSidePairing().Sides.Here);
        Assert.Null(finding.PathLadder);
        Assert.NotEmpty(finding.Ladder);
    }
}
