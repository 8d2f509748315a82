namespace TsharkRst.Capture;

/// <summary>Raised inside a reader where the file is damaged; the reader turns it into its
/// <see cref="CaptureReader.Damage"/> and stops.</summary>
internal sealed class CaptureDamageException(string problem) : TsharkRstException(problem)
{
    public string Problem { get; } = problem;
}
