using TsharkRst.Connections;

namespace TsharkRst.Findings;

/// <summary>The packets around a RST as both captures of a pair saw them, on this capture's clock:
/// which end each capture was taken at, the other capture's name, the endpoints as it saw them (NAT
/// rewrites them), and the clocks.</summary>
public sealed record PathLadder(
    Side HereSide,
    string HereName,
    string ThereName,
    Endpoint ClientThere,
    Endpoint ServerThere,
    double ClockOffsetSeconds,
    double? OneWayDelaySeconds,
    IReadOnlyList<PathStep> Steps)
{
    public Side ThereSide => HereSide == Side.Client ? Side.Server : Side.Client;

    /// <summary>Packets only the other capture holds, in the ladder's time span, left out to keep it short.</summary>
    public int ThereOnlyNotShown { get; init; }
}
