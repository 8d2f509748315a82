namespace TsharkRst.Findings;

/// <summary>One way the RST contradicts its claimed sender's own packets, and how much that weighs.</summary>
public sealed record OriginSignal(Evidence Evidence, SignalWeight Weight, SignalFamily Family)
{
    /// <summary>Signals about who built the packet (its hop distance, MAC, the device it names), as
    /// against how the sender's connection behaved around it.</summary>
    public bool IsIdentity => Family is SignalFamily.HopDistance or SignalFamily.Mac or SignalFamily.Device;

    public bool CanClaim => Weight >= SignalWeight.Moderate;
}
