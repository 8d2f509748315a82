using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>Which end of the path a capture was taken at (<see cref="Side.Unknown"/> when the packets
/// cannot tell), and why, in words.</summary>
public sealed record Vantage(Side Here, string Reason)
{
    public Side There => Here switch { Side.Client => Side.Server, Side.Server => Side.Client, _ => Side.Unknown };
}
