namespace TsharkRst.Capture;

/// <summary>Copies chosen frames of a capture into a pcapng, in order, with their original timestamps
/// and link types. Reading stops after the last frame chosen, and jumps over long runs of frames not
/// chosen when it is given the capture's resume points.</summary>
public static class CaptureExtract
{
    /// <param name="frames">The frame numbers to copy, rising.</param>
    /// <param name="note">The original frame number and comment of each copied frame.</param>
    /// <param name="resumePoints">Frames the reader may jump to, rising (see <see cref="TriageIndex.ResumePoints"/>).</param>
    /// <returns>How many frames were copied (fewer than asked when the file is damaged before them).</returns>
    public static long Copy(CaptureReader source, IEnumerable<long> frames, PcapngWriter destination, Func<long, PacketNote> note,
        CancellationToken cancellationToken = default, IReadOnlyList<ResumePoint>? resumePoints = null)
    {
        var copied = 0L;
        var points = resumePoints ?? [];
        using var wanted = frames.GetEnumerator();
        var more = wanted.MoveNext();
        while (more && JumpTowards(source, wanted.Current, points) && source.Read(out var frame))
        {
            // A number with no frame behind it (a journal block) is passed over.
            while (more && wanted.Current < frame.Number)
                more = wanted.MoveNext();
            if (!more || frame.Number != wanted.Current)
                continue;
            if ((copied & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var (original, comment) = note(frame.Number);
            destination.WritePacket(frame.Interface, frame.Nanoseconds, frame.Data, frame.OriginalLength, original, comment);
            copied++;
            more = wanted.MoveNext();
        }
        return copied;
    }

    /// <summary>Jumps to the last resume point at or before <paramref name="wanted"/> when it lies ahead of the
    /// reader; always true, so it can sit in a loop condition.</summary>
    private static bool JumpTowards(CaptureReader source, long wanted, IReadOnlyList<ResumePoint> points)
    {
        int low = 0, high = points.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (points[middle].Frame <= wanted)
                (found, low) = (middle, middle + 1);
            else
                high = middle - 1;
        }
        if (found >= 0 && points[found].Frame > source.LastFrame + 1)
            source.ResumeAt(points[found]);
        return true;
    }
}
