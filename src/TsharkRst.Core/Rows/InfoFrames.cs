using System.Globalization;
using System.Text.RegularExpressions;

namespace TsharkRst.Rows;

/// <summary>tshark's Info column names a frame by its number ("[TCP Dup ACK 18#1]", an ICMP echo's "(request in 81)",
/// a fragment's "[Reassembled in #7]"): read from a focused capture, or from one group of several tsharks' (where the
/// first group also holds every frame outside the reset connections), that is the copy's number, put back here to the
/// original's, as a pass over the original would print it.</summary>
internal static partial class InfoFrames
{
    public static string Renumbered(string info, Func<long, long> originalFrame) =>
        !info.Contains("[TCP Dup ACK ", StringComparison.Ordinal) && !info.Contains(" in ", StringComparison.Ordinal)
            ? info
            : Replaced(info, originalFrame);

    // A method of its own: the lambda's captured map was allocated for every row, named frames or not.
    private static string Replaced(string info, Func<long, long> originalFrame) =>
        FrameOf().Replace(info, match =>
            {
                var frame = long.Parse(match.ValueSpan, CultureInfo.InvariantCulture);
                try
                {
                    return originalFrame(frame).ToString(CultureInfo.InvariantCulture);
                }
                catch (ArgumentOutOfRangeException)
                {
                    return match.Value;
                }
            });

    [GeneratedRegex(@"(?<=\[TCP Dup ACK )\d{1,18}(?=#)|(?<= \((?:request|reply) in )\d{1,18}(?=\))|(?<=\[Reassembled in #)\d{1,18}(?=\])")]
    private static partial Regex FrameOf();
}
