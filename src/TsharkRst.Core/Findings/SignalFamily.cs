namespace TsharkRst.Findings;

/// <summary>What an origin signal looks at. Two strong signals count as independent only when they
/// come from different families.</summary>
public enum SignalFamily
{
    HopDistance,
    Mac,
    Sequence,
    SenderAlive,
    Receiver,
    IpId,
    Timestamps,
    Window,
    Device,
}
