using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>Who sent the first RSTs: one bar per claimed sender and origin (e.g. "server · middlebox"),
/// most first, so a device on the path stands out from the endpoints at a glance.</summary>
public sealed record SenderChartView(int Width, int Height, string Caption, IReadOnlyList<SenderBarView> Bars)
{
    private const int DiagramWidth = 560;
    private const int LabelWidth = 190;
    private const int RowHeight = 28;
    private const int CountWidth = 50;

    public static SenderChartView? From(IReadOnlyList<ResetFinding> resets)
    {
        if (resets.Count == 0)
            return null;
        var groups = resets.GroupBy(r => (r.SentBy, r.Origin))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.SentBy).ThenBy(g => g.Key.Origin)
            .ToList();
        var max = groups.Max(g => g.Count());
        var plot = DiagramWidth - LabelWidth - CountWidth;
        var bars = groups.Select((g, i) =>
        {
            var y = 8 + i * RowHeight;
            var width = Math.Max(3, (int)Math.Round(plot * (double)g.Count() / max));
            var sentBy = Vocabulary.Name(g.Key.SentBy);
            var origin = Vocabulary.Name(g.Key.Origin);
            return new SenderBarView(sentBy, origin, $"sent by {sentBy} · {origin}", LabelWidth - 10, y + 15, LabelWidth, y + 3, width, 16,
                LabelWidth + width + 6, Formatting.Number(g.Count()),
                $"{Formatting.Number(g.Count())} RST(s) carried the {sentBy}'s address; origin {origin}: {Vocabulary.Describe(g.Key.Origin)}");
        }).ToList();
        return new SenderChartView(DiagramWidth, 8 + groups.Count * RowHeight + 6,
            "Whose address each first RST carried, and whether that side really sent it (origin).", bars);
    }
}

/// <summary>One sender/origin pair of the chart.</summary>
public sealed record SenderBarView(
    string SentBy, string Origin, string Label, int LabelX, int TextY, int X, int Y, int Width, int Height, int CountX, string Count, string Title);
