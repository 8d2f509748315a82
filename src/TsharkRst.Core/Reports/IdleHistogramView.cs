using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>How long connections had been idle before their first RST, in fixed buckets from
/// milliseconds to hours: a cluster at one bucket points at a timer.</summary>
public sealed record IdleHistogramView(int Width, int Height, int BaseY, string Caption, IReadOnlyList<HistogramBarView> Bars)
{
    private const int DiagramWidth = 560;
    private const int Left = 12;
    private const int PlotHeight = 120;
    private const int Top = 20;

    private static readonly (double Upper, string Label)[] Buckets =
    [
        (0.01, "< 10 ms"), (0.1, "10–100 ms"), (1, "0.1–1 s"), (5, "1–5 s"), (30, "5–30 s"),
        (120, "30 s–2 min"), (600, "2–10 min"), (3600, "10–60 min"), (double.PositiveInfinity, "≥ 1 h"),
    ];

    public static IdleHistogramView? From(IReadOnlyList<ResetFinding> resets)
    {
        if (resets.Count == 0)
            return null;
        var counts = new int[Buckets.Length];
        foreach (var r in resets)
            counts[Array.FindIndex(Buckets, b => r.IdleBeforeSeconds < b.Upper)]++;
        var max = counts.Max();
        var slot = (DiagramWidth - 2 * Left) / Buckets.Length;
        var baseY = Top + PlotHeight;
        var bars = Buckets.Select((b, i) =>
        {
            var height = counts[i] == 0 ? 0 : Math.Max(3, (int)Math.Round(PlotHeight * (double)counts[i] / max));
            var x = Left + i * slot;
            return new HistogramBarView(x + 6, baseY - height, slot - 12, height, x + slot / 2, baseY - height - 5, baseY + 16,
                Formatting.Number(counts[i]), b.Label,
                $"{b.Label}: {Formatting.Number(counts[i])} reset{(counts[i] == 1 ? "" : "s")}", counts[i] > 0);
        }).ToList();
        return new IdleHistogramView(DiagramWidth, baseY + 34, baseY, "Idle gap before each first RST (or before the packet it answers).", bars);
    }
}

/// <summary>One bucket of the idle-gap histogram.</summary>
public sealed record HistogramBarView(
    int X, int Y, int Width, int Height, int CenterX, int CountY, int LabelY, string Count, string Label, string Title, bool HasResets);
