using TsharkRst.Capture;

namespace TsharkRst.Tests.Capture;

/// <summary>What a reader made of some bytes: every frame it returned and where it stopped.</summary>
internal sealed record ReadBack(IReadOnlyList<ReadBack.Frame> Frames, CaptureDamage? Damage)
{
    public sealed record Frame(long Number, long Offset, long Nanoseconds, int LinkType, byte[] Data, uint OriginalLength);

    public static ReadBack Of(byte[] bytes)
    {
        using var reader = CaptureReader.Open(new MemoryStream(bytes)) ?? throw new InvalidOperationException("not a capture");
        var frames = new List<Frame>();
        while (reader.Read(out var f))
            frames.Add(new Frame(f.Number, f.Offset, f.Nanoseconds, f.Interface.LinkType, f.Data.ToArray(), f.OriginalLength));
        return new ReadBack(frames, reader.Damage);
    }
}
