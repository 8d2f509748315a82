namespace TsharkRst.Findings;

/// <summary>An HTTP/2 RST_STREAM or GOAWAY sent before the TCP RST: often the reason for it.</summary>
public sealed record Http2Abort(Side By, string Frames, long Frame)
{
    public override string ToString() => $"the {Vocabulary.Name(By)} sent {Frames}";
}
