using TsharkRst.Findings;
using TsharkRst.Pairing;

namespace TsharkRst.Reports;

/// <summary>The ladder diagram of a paired finding, laid out in C#: four lanes (client, client-side
/// capture, server-side capture, server) on this capture's clock, each packet an arrow through the
/// stretches of the path it was seen in, a dot where each capture saw it, so a RST one capture holds
/// and the sender's own capture lacks is visibly missing on the sender's stretch.</summary>
public sealed record PathLadderView(
    int Width,
    int Height,
    string Description,
    string Legend,
    int PathX,
    string PathCaption,
    PathBandView Band,
    IReadOnlyList<PathLaneView> Lanes,
    IReadOnlyList<PathArrowView> Arrows,
    IReadOnlyList<LadderBreakView> Breaks)
{
    public const int DiagramWidth = 880;
    private const int ClientX = 150;
    private const int ClientTapX = 325;
    private const int ServerTapX = 595;
    private const int ServerX = 770;
    private const int MidX = (ClientTapX + ServerTapX) / 2;
    private const int LaneTop = 44;
    private const int RowHeight = 40;
    private const int BreakHeight = 30;
    private const int Slope = 12;

    /// <summary>Labels sit between the two captures' lanes, so they are shorter than the plain ladder's.</summary>
    private const int LabelMax = 36;

    private const int CaptionMax = 20;

    public static PathLadderView? From(ResetFinding f)
    {
        if (f.PathLadder is not { Steps.Count: > 0 } p)
            return null;
        var arrows = new List<PathArrowView>();
        var breaks = new List<LadderBreakView>();
        var y = LaneTop + 8;
        PathStep? previous = null;
        foreach (var step in p.Steps)
        {
            var gap = previous is null ? 0 : step.Packet.Offset - previous.Packet.Offset;
            if (step.Packet.ElidedBefore > 0 || gap >= LadderView.BreakSeconds)
            {
                breaks.Add(Break(y, step.Packet.ElidedBefore, gap));
                y += BreakHeight;
            }
            arrows.Add(Arrow(step, p, y));
            y += RowHeight;
            previous = step;
        }

        var bottom = y + 4;
        // Each endpoint as the capture beside it saw it: behind NAT the far capture sees a rewritten address.
        var client = (p.HereSide == Side.Client ? f.Client : p.ClientThere).ToString();
        var server = (p.HereSide == Side.Server ? f.Server : p.ServerThere).ToString();
        var lanes = new List<PathLaneView>
        {
            new("client", "client", client, $"the client, {client} in the client-side capture", ClientX, LaneTop, bottom, false),
            Tap(f, p, Side.Client, bottom),
            Tap(f, p, Side.Server, bottom),
            new("server", "server", server, $"the server, {server} in the server-side capture", ServerX, LaneTop, bottom, false),
        };
        return new PathLadderView(DiagramWidth, bottom + 8, Describe(f, p), LegendOf(p), MidX,
            p.OneWayDelaySeconds is { } delay ? $"one-way {PairWords.Delay(delay)}" : "",
            new PathBandView(ClientTapX, LaneTop, ServerTapX - ClientTapX, bottom - LaneTop), lanes, arrows, breaks);
    }

    private static PathLaneView Tap(ResetFinding f, PathLadder p, Side side, int bottom)
    {
        var here = p.HereSide == side;
        var name = here ? p.HereName : p.ThereName;
        var (client, server) = here ? (f.Client, f.Server) : (p.ClientThere, p.ServerThere);
        var words = CapturePairing.SideWords(side);
        return new PathLaneView(words, words + " capture", Shorten(name),
            $"the {words} capture, {name}{(here ? " (this report's)" : "")}: client {client}, server {server}",
            side == Side.Client ? ClientTapX : ServerTapX, LaneTop, bottom, true);
    }

    /// <summary>Paired captures' names tend to differ at the end (….client.pcapng, ….server.pcapng): keep it.</summary>
    private static string Shorten(string name)
    {
        if (name.Length <= CaptionMax)
            return name;
        var head = (CaptionMax - 1) / 3;
        return name[..head] + "…" + name[^(CaptionMax - 1 - head)..];
    }

    private static PathArrowView Arrow(PathStep step, PathLadder p, int top)
    {
        var packet = step.Packet;
        var fromClient = packet.FromClient;
        var (senderX, senderTapX, receiverTapX, receiverX) = fromClient
            ? (ClientX, ClientTapX, ServerTapX, ServerX)
            : (ServerX, ServerTapX, ClientTapX, ClientX);
        var (senderSide, receiverSide) = fromClient ? ("client-side", "server-side") : ("server-side", "client-side");
        var y1 = top + 14;
        int Y(int x) => y1 + (int)Math.Round((double)Slope * Math.Abs(x - senderX) / (ServerX - ClientX));

        // Which capture saw it where: this capture's tap and the other's.
        var hereTapX = p.HereSide == Side.Client ? ClientTapX : ServerTapX;
        var thereTapX = p.HereSide == Side.Client ? ServerTapX : ClientTapX;
        var seenAtSender = (step.FrameHere is not null && hereTapX == senderTapX) || (step.FrameThere is not null && thereTapX == senderTapX);
        var segments = new List<PathSegmentView>();
        void Segment(string name, int x1, int x2, bool seen) => segments.Add(new PathSegmentView(name, x1, Y(x1), x2, Y(x2), seen));
        string head = "", lost = "", made = "";
        switch (step.Fate)
        {
            case PathFate.Dropped:
                Segment(senderSide, senderX, senderTapX, true);
                Segment("path", senderTapX, MidX, true);
                lost = $"M{MidX - 5},{Y(MidX) - 5} l10,10 M{MidX + 5},{Y(MidX) - 5} l-10,10";
                break;
            case PathFate.MadeOnPath:
                Segment("path", MidX, receiverTapX, true);
                Segment(receiverSide, receiverTapX, receiverX, true);
                made = $"{MidX},{Y(MidX) - 6} {MidX + 6},{Y(MidX)} {MidX},{Y(MidX) + 6} {MidX - 6},{Y(MidX)}";
                head = LadderView.Head(MidX, Y(MidX), receiverX, Y(receiverX));
                break;
            case PathFate.OneCapture:
                Segment(senderSide, senderX, senderTapX, seenAtSender);
                Segment("path", senderTapX, receiverTapX, false);
                Segment(receiverSide, receiverTapX, receiverX, !seenAtSender);
                head = LadderView.Head(senderX, y1, receiverX, Y(receiverX));
                break;
            default:
                Segment(senderSide, senderX, senderTapX, true);
                Segment("path", senderTapX, receiverTapX, true);
                Segment(receiverSide, receiverTapX, receiverX, true);
                head = LadderView.Head(senderX, y1, receiverX, Y(receiverX));
                break;
        }

        var dots = new List<PathDotView>();
        void Dot(long? frame, int x, Side side)
        {
            if (frame is not { } number)
                return;
            var left = x == ClientTapX;
            dots.Add(new PathDotView(CapturePairing.SideWords(side), "#" + Formatting.Number(number), x, Y(x),
                left ? x - 6 : x + 6, Y(x) - 6, left ? "end" : "start"));
        }
        Dot(step.FrameHere, hereTapX, p.HereSide);
        Dot(step.FrameThere, thereTapX, p.ThereSide);

        var size = packet.Length > 0 ? $" · {Formatting.Number(packet.Length)} B" : "";
        var label = packet.Label ?? "";
        var time = (step.FrameHere is null ? "≈" : "") + LadderView.OffsetText(packet.Offset);
        return new PathArrowView
        {
            Frame = step.FrameHere is { } here ? Formatting.Number(here) : "",
            FrameThere = step.FrameThere is { } there ? Formatting.Number(there) : "",
            Time = time,
            TimeY = y1 + 4,
            Segments = segments,
            Dots = dots,
            Head = head,
            Lost = lost,
            Made = made,
            LabelX = MidX,
            LabelY = Y(MidX) - 8,
            Label = label.Length > LabelMax ? label[..(LabelMax - 1)] + "…" : label,
            FlagsY = Y(MidX) + 15,
            Flags = packet.Flags + size + (packet.Retransmission ? " · retransmission" : "") + step.Fate switch
            {
                PathFate.Dropped => " · lost on the path",
                PathFate.MadeOnPath => " · made on the path",
                _ => "",
            },
            Title = Title(step, p, time),
            Kind = packet.IsRst ? "rst" : packet.Length > 0 ? "data" : "control",
            Direction = step.Fate == PathFate.MadeOnPath ? "path" : fromClient ? "client" : "server",
            Fate = Vocabulary.Name(step.Fate),
            Retransmission = packet.Retransmission,
            IsFirstRst = step.IsFirstRst,
        };
    }

    private static string Title(PathStep step, PathLadder p, string time)
    {
        var packet = step.Packet;
        string Frame(long? frame, Side side, bool here) => frame is { } n
            ? $"{CapturePairing.SideWords(side)} frame {Formatting.Number(n)}{(here ? " (this capture)" : "")}"
            : $"not in the {CapturePairing.SideWords(side)} capture";
        var frames = p.HereSide == Side.Client
            ? $"{Frame(step.FrameHere, p.HereSide, true)}, {Frame(step.FrameThere, p.ThereSide, false)}"
            : $"{Frame(step.FrameThere, p.ThereSide, false)}, {Frame(step.FrameHere, p.HereSide, true)}";
        return $"{frames}, {time} on this capture's clock, {(packet.FromClient ? "client → server" : "server → client")}: " +
               $"{Fate(step, p)}, {packet.Flags}, {Formatting.Number(packet.Length)} bytes" +
               (packet.Label is null ? "" : ", " + packet.Label) +
               (packet.Detail is null ? "" : ", " + packet.Detail) +
               (packet.Retransmission ? ", retransmission" : "");
    }

    private static string Fate(PathStep step, PathLadder p)
    {
        var sender = step.Packet.FromClient ? "client" : "server";
        var receiver = step.Packet.FromClient ? "server" : "client";
        return step.Fate switch
        {
            PathFate.Crossed => "seen by both captures",
            PathFate.Dropped => $"left the {sender}, never reached the {receiver}-side capture: lost on the path",
            PathFate.MadeOnPath => $"reached the {receiver}-side capture in the {sender}'s name, not in the {sender}-side capture: a device on the path made it",
            _ => $"only in the {CapturePairing.SideWords(step.FrameHere is null ? p.ThereSide : p.HereSide)} capture; the other cannot tell whether it passed",
        };
    }

    private static string Describe(ResetFinding f, PathLadder p)
    {
        var here = CapturePairing.SideWords(p.HereSide);
        var there = CapturePairing.SideWords(p.ThereSide);
        var rst = p.Steps.FirstOrDefault(s => s.IsFirstRst);
        var sender = f.SentBy == Side.Client ? "client" : f.SentBy == Side.Server ? "server" : "sender";
        var story = rst?.Fate switch
        {
            null => "",
            PathFate.Crossed => rst.FrameThere is { } frame
                ? $" The first RST, frame {Formatting.Number(f.RstFrame)} here, is frame {Formatting.Number(frame)} of the {there} capture: it crossed the path."
                : $" The first RST, frame {Formatting.Number(f.RstFrame)} here, crossed the path.",
            PathFate.MadeOnPath => $" The first RST, frame {Formatting.Number(f.RstFrame)} here, is not in the {CapturePairing.SideWords(f.SentBy)} capture: " +
                                   $"it never left the {sender}; a device between the two capture points made it.",
            PathFate.Dropped => $" The first RST, frame {Formatting.Number(f.RstFrame)} here, left the {sender} and never reached the {there} capture: lost on the path.",
            _ => $" The first RST, frame {Formatting.Number(f.RstFrame)} here, is not in the {there} capture, which cannot tell whether it passed.",
        };
        return $"Ladder diagram of {f.Client} and {f.Server} as both captures saw it: the {here} capture ({p.HereName}, this one) " +
               $"and the {there} capture ({p.ThereName}), on this capture's clock ({Clocks(p.ClockOffsetSeconds)}).{story}";
    }

    /// <summary>Lab captures on one host share a clock: "shifted by 0 s" would read as a mistake.</summary>
    private static string Clocks(double offset) => Math.Abs(offset) < 0.0000005
        ? "the two clocks agree to the microsecond"
        : $"the other's times shifted by {PairWords.Seconds(-offset)}";

    private static string LegendOf(PathLadder p) =>
        "A dot marks where a capture saw the packet, with its frame there; ✕ a packet lost on the path; ◆ a packet a device on the path sent; " +
        "faint lines where neither capture tells; ≈ a time from the other capture's clock." +
        (p.ThereOnlyNotShown > 0 ? $" {Formatting.Number(p.ThereOnlyNotShown)} more packets only the {CapturePairing.SideWords(p.ThereSide)} capture holds are not shown." : "");

    private static LadderBreakView Break(int top, int elided, double gap)
    {
        var parts = new List<string>();
        if (elided > 0)
            parts.Add($"{Formatting.Number(elided)} packet{(elided == 1 ? "" : "s")} not shown");
        if (gap >= LadderView.BreakSeconds)
            parts.Add($"{FindingWords.Duration(gap)} {(elided > 0 ? "pass" : "of silence")}");
        var mid = top + BreakHeight / 2;
        var marks = string.Join(" ", new[] { ClientX, ClientTapX, ServerTapX, ServerX }.Select(x =>
            $"M{x - 7},{mid - 1} l14,-6 M{x - 7},{mid + 5} l14,-6"));
        return new LadderBreakView(top + 4, BreakHeight - 8, mid + 4, MidX, string.Join(" · ", parts), marks);
    }
}
