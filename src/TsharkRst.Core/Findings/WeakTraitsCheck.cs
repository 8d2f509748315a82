using System.Globalization;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Traits injectors' RSTs often have but kernels' own RSTs have too: no TCP timestamps, a window
/// injectors like. They only corroborate a signal that can make a claim.</summary>
public static class WeakTraitsCheck
{
    /// <summary>Windows that known injectors put in their RSTs (genuine stacks send 0 or their own window).</summary>
    private static readonly HashSet<int> InjectorWindows = [4128, 8192, 16384];

    public static void Check(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        var own = s.OwnBefore.Where(p => !p.Has(TcpFlags.Syn)).ToList();
        if (rst.TsVal is null && own.Count > 0 && own.All(p => p.TsVal is not null))
            c.Against(rst.Frame, $"RST without TCP timestamps, which the {s.Who} put in all {own.Count} of its packets",
                SignalWeight.Weak, SignalFamily.Timestamps);
        if (rst.Window is not (> 0 and var window) || s.Own.Any(p => p.Window == window))
            return;
        var text = window.ToString(CultureInfo.InvariantCulture);
        if (s.Snapshot.Answered?.Window == window)
            c.Against(rst.Frame, $"RST window {text} copies the window of the packet it answers (frame {s.Snapshot.Answered.Frame}), " +
                                 $"not the {s.Who}'s own", SignalWeight.Weak, SignalFamily.Window);
        else if (InjectorWindows.Contains(window))
            c.Against(rst.Frame, $"RST window {text}, a value known injectors use", SignalWeight.Weak, SignalFamily.Window);
    }
}
