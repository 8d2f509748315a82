using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>The resets across the capture's time span: one row per verdict, the span cut into
/// bins, each bin with resets drawn as a bar as tall as its count allows. Thousands of resets
/// stay a few hundred rectangles.</summary>
public sealed record TimelineView(
    int Width,
    int Height,
    int PlotX,
    int PlotWidth,
    int AxisY,
    int AxisX2,
    string Caption,
    IReadOnlyList<TimelineRowView> Rows,
    IReadOnlyList<AxisTickView> Ticks)
{
    public const int Bins = 60;
    private const int LabelWidth = 170;
    private const int Right = 16;
    private const int RowHeight = 26;
    private const int Top = 6;
    private const int DiagramWidth = 1000;

    /// <summary>Rows in <paramref name="order"/> (verdict names); <paramref name="anchor"/> gives a
    /// finding's card anchor when its card is rendered, else null.</summary>
    public static TimelineView? From(CaptureInfo capture, IReadOnlyList<ResetFinding> resets, IReadOnlyList<string> order,
        Func<ResetFinding, string?> anchor)
    {
        if (resets.Count == 0)
            return null;
        var start = capture.First ?? resets.Min(r => r.RstTime);
        var end = capture.Last ?? resets.Max(r => r.RstTime);
        var span = Math.Max(0, (end - start).TotalSeconds);
        var plotWidth = DiagramWidth - LabelWidth - Right;
        var binWidth = (double)plotWidth / Bins;
        int BinOf(ResetFinding r) => span <= 0 ? Bins / 2 : Math.Clamp((int)((r.RstTime - start).TotalSeconds / span * Bins), 0, Bins - 1);

        var byVerdict = resets.GroupBy(r => Vocabulary.Name(r.Verdict)).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<TimelineRowView>();
        var maxInBin = resets.GroupBy(r => (r.Verdict, BinOf(r))).Max(g => g.Count());
        foreach (var verdict in order.Where(byVerdict.ContainsKey))
        {
            var y = Top + rows.Count * RowHeight;
            var bars = byVerdict[verdict].GroupBy(BinOf).OrderBy(g => g.Key).Select(g =>
            {
                var count = g.Count();
                var height = Math.Max(4, (int)Math.Round((RowHeight - 8) * (double)count / maxInBin));
                var first = g.MinBy(r => r.RstTime)!;
                var last = g.MaxBy(r => r.RstTime)!;
                var when = first.RstTime == last.RstTime
                    ? Formatting.Time(first.RstTime)
                    : $"{Formatting.Time(first.RstTime)} to {Formatting.Time(last.RstTime)}";
                return new TimelineBarView(
                    LabelWidth + (int)Math.Round(g.Key * binWidth),
                    y + RowHeight - 4 - height,
                    Math.Max(3, (int)Math.Floor(binWidth) - 2),
                    height,
                    $"{verdict}: {Formatting.Number(count)} reset{(count == 1 ? "" : "s")}, {when} UTC (first RST frame {Formatting.Number(first.RstFrame)})",
                    anchor(first));
            }).ToList();
            rows.Add(new TimelineRowView(verdict, Formatting.Number(byVerdict[verdict].Count), LabelWidth - 10, y + RowHeight / 2 + 4,
                LabelWidth, LabelWidth + plotWidth, y + RowHeight - 4, bars));
        }

        var axisY = Top + rows.Count * RowHeight + 2;
        var ticks = Enumerable.Range(0, 5).Select(i =>
        {
            var x = LabelWidth + (int)Math.Round(plotWidth * i / 4.0);
            var text = span <= 0 ? (i == 2 ? "+0 ms" : "") : LadderView.OffsetText(span * i / 4.0);
            return new AxisTickView(x, axisY, axisY + 16, i == 0 ? "start" : i == 4 ? "end" : "middle", text);
        }).Where(t => t.Text.Length > 0).ToList();
        var caption = $"Resets from {Formatting.Time(start)} to {Formatting.Time(end)} UTC, {Formatting.Span(span)}; one row per verdict, bars are {(span <= 0 ? "all at one instant" : $"{Formatting.Span(span / Bins)} wide")}.";
        return new TimelineView(DiagramWidth, axisY + 24, LabelWidth, plotWidth, axisY, LabelWidth + plotWidth, caption, rows, ticks);
    }
}

/// <summary>One verdict's row of the timeline.</summary>
public sealed record TimelineRowView(string Verdict, string Count, int LabelX, int LabelY, int X1, int X2, int BaseY, IReadOnlyList<TimelineBarView> Bars);

/// <summary>The resets of one verdict in one time bin; <c>Href</c> links the first of them when its card is shown.</summary>
public sealed record TimelineBarView(int X, int Y, int Width, int Height, string Title, string? Href);

/// <summary>A labelled tick of an axis.</summary>
public sealed record AxisTickView(int X, int LineY, int TextY, string Anchor, string Text);
