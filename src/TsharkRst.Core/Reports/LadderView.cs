using System.Globalization;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The SVG ladder diagram of one connection, laid out in C#: lanes, one arrow per packet
/// shown, and breaks where packets were left out or time passed. The template only draws it.</summary>
public sealed record LadderView(
    int Width,
    int Height,
    string Description,
    IReadOnlyList<LaneView> Lanes,
    IReadOnlyList<ArrowView> Arrows,
    IReadOnlyList<LadderBreakView> Breaks)
{
    public const int DiagramWidth = 600;
    private const int ClientX = 150;
    private const int ServerX = 520;
    private const int MiddleboxX = (ClientX + ServerX) / 2;
    private const int LaneTop = 44;
    private const int RowHeight = 40;
    private const int BreakHeight = 30;
    private const int Slope = 10;
    private const int LabelMax = 46;

    /// <summary>A silence at least this long between two packets shown is drawn as a break.</summary>
    public const double BreakSeconds = 1.0;

    public static LadderView? From(ResetFinding f)
    {
        if (f.Ladder.Count == 0)
            return null;
        var middlebox = f.Origin == Origin.Middlebox;
        var arrows = new List<ArrowView>();
        var breaks = new List<LadderBreakView>();
        var y = LaneTop + 8;
        LadderStep? previous = null;
        foreach (var step in f.Ladder)
        {
            var gap = previous is null ? 0 : step.Offset - previous.Offset;
            if (step.ElidedBefore > 0 || gap >= BreakSeconds)
            {
                breaks.Add(Break(y, step.ElidedBefore, gap));
                y += BreakHeight;
            }
            arrows.Add(Arrow(step, y, middlebox && step.Frame == f.RstFrame));
            y += RowHeight;
            previous = step;
        }

        var bottom = y + 4;
        var lanes = new List<LaneView>
        {
            new("client", f.Client.ToString(), ClientX, LaneTop, bottom, false),
            new("server", f.Server.ToString(), ServerX, LaneTop, bottom, false),
        };
        if (middlebox)
            lanes.Insert(1, new LaneView("middlebox", "on the path", MiddleboxX, LaneTop, bottom, true));
        var first = f.Ladder[0].Frame;
        var last = f.Ladder[^1].Frame;
        var description = $"Ladder diagram of {f.Client} and {f.Server}{(middlebox ? " with a middlebox on the path" : "")}, " +
                          $"frames {Formatting.Number(first)} to {Formatting.Number(last)}; the first RST is frame {Formatting.Number(f.RstFrame)}.";
        return new LadderView(DiagramWidth, bottom + 8, description, lanes, arrows, breaks);
    }

    private static ArrowView Arrow(LadderStep step, int top, bool fromMiddlebox)
    {
        var from = fromMiddlebox ? MiddleboxX : step.FromClient ? ClientX : ServerX;
        var to = step.FromClient ? ServerX : ClientX;
        var y1 = top + 14;
        var y2 = y1 + Slope;
        var direction = step.FromClient ? "client → server" : "server → client";
        var size = step.Length > 0 ? $" · {Formatting.Number(step.Length)} B" : "";
        var label = step.Label ?? "";
        var title = $"frame {Formatting.Number(step.Frame)}, {OffsetText(step.Offset)}, " +
                    (fromMiddlebox ? $"from a middlebox in the {(step.FromClient ? "client" : "server")}'s name" : direction) +
                    $", {step.Flags}, {Formatting.Number(step.Length)} bytes" +
                    (step.Label is null ? "" : ", " + step.Label) +
                    (step.Detail is null ? "" : ", " + step.Detail) +
                    (step.Retransmission ? ", retransmission" : "");
        return new ArrowView
        {
            Frame = Formatting.Number(step.Frame),
            Time = OffsetText(step.Offset),
            TimeY = y1 + 4,
            FrameY = y1 + 16,
            X1 = from,
            Y1 = y1,
            X2 = to,
            Y2 = y2,
            Head = Head(from, y1, to, y2),
            LabelX = (from + to) / 2,
            LabelY = y1 - 4,
            Label = label.Length > LabelMax ? label[..(LabelMax - 1)] + "…" : label,
            FlagsY = y2 + 13,
            Flags = step.Flags + size + (step.Retransmission ? " · retransmission" : ""),
            Title = title,
            Kind = step.IsRst ? "rst" : step.Length > 0 ? "data" : "control",
            Direction = fromMiddlebox ? "middlebox" : step.FromClient ? "client" : "server",
            Retransmission = step.Retransmission,
        };
    }

    /// <summary>An arrowhead at (x2, y2) pointing along the line from (x1, y1).</summary>
    internal static string Head(int x1, int y1, int x2, int y2)
    {
        double dx = x2 - x1, dy = y2 - y1;
        var length = Math.Sqrt(dx * dx + dy * dy);
        (dx, dy) = (dx / length, dy / length);
        const double back = 9, half = 4;
        var bx = x2 - dx * back;
        var by = y2 - dy * back;
        return string.Join(" ",
            Point(x2, y2), Point(bx - dy * half, by + dx * half), Point(bx + dy * half, by - dx * half));
    }

    private static LadderBreakView Break(int top, int elided, double gap)
    {
        var parts = new List<string>();
        if (elided > 0)
            parts.Add($"{Formatting.Number(elided)} packet{(elided == 1 ? "" : "s")} not shown");
        if (gap >= BreakSeconds)
            parts.Add($"{FindingWords.Duration(gap)} {(elided > 0 ? "pass" : "of silence")}");
        var mid = top + BreakHeight / 2;
        var marks = string.Join(" ", new[] { ClientX, ServerX }.Select(x =>
            $"M{x - 7},{mid - 1} l14,-6 M{x - 7},{mid + 5} l14,-6"));
        return new LadderBreakView(top + 4, BreakHeight - 8, mid + 4, (ClientX + ServerX) / 2, string.Join(" · ", parts), marks);
    }

    /// <summary>Time since the connection's first packet: +0.52 ms, +1.204 s, +10 min (600 s).</summary>
    public static string OffsetText(double seconds) => seconds switch
    {
        < 1 => "+" + (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + " ms",
        < 120 => "+" + seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s",
        _ => "+" + FindingWords.Duration(seconds),
    };

    private static string Point(double x, double y) =>
        x.ToString("0.#", CultureInfo.InvariantCulture) + "," + y.ToString("0.#", CultureInfo.InvariantCulture);
}
