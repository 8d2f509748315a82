namespace TsharkRst.Capture;

/// <summary>Frame numbers of a focused capture (1, 2, 3, …) and the original capture's frames they copy.</summary>
public sealed class FrameMap(long[] originalFrames)
{
    public int Count => originalFrames.Length;

    /// <summary>The original capture's number for frame <paramref name="focusedFrame"/> of the focused one.</summary>
    public long Original(long focusedFrame) =>
        focusedFrame >= 1 && focusedFrame <= originalFrames.Length
            ? originalFrames[focusedFrame - 1]
            : throw new ArgumentOutOfRangeException(nameof(focusedFrame), focusedFrame,
                $"the focused capture has frames 1 to {originalFrames.Length}");

    /// <summary>The focused capture's number for <paramref name="originalFrame"/>, or null when it was not copied.</summary>
    public long? Focused(long originalFrame)
    {
        var index = Array.BinarySearch(originalFrames, originalFrame);
        return index >= 0 ? index + 1 : null;
    }
}
