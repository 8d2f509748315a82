namespace TsharkRst.Capture;

/// <summary>Copies chosen frames of a capture into a pcapng, in order, with their original timestamps
/// and link types. Reading stops after the last frame chosen.</summary>
public static class CaptureExtract
{
    /// <param name="frames">The frame numbers to copy, rising.</param>
    /// <param name="note">The original frame number and comment of each copied frame.</param>
    /// <returns>How many frames were copied (fewer than asked when the file is damaged before them).</returns>
    public static long Copy(CaptureReader source, IReadOnlyList<long> frames, PcapngWriter destination, Func<long, PacketNote> note,
        CancellationToken cancellationToken = default)
    {
        var next = 0;
        while (next < frames.Count && source.Read(out var frame))
        {
            // A number with no frame behind it (a journal block) is passed over.
            while (next < frames.Count && frames[next] < frame.Number)
                next++;
            if (next == frames.Count || frame.Number != frames[next])
                continue;
            if ((next & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var (original, comment) = note(frame.Number);
            destination.WritePacket(frame.Interface, frame.Nanoseconds, frame.Data, frame.OriginalLength, original, comment);
            next++;
        }
        return next;
    }
}
