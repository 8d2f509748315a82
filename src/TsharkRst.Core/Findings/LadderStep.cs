namespace TsharkRst.Findings;

/// <summary>One packet of a connection's ladder diagram, around its first RST.</summary>
public sealed record LadderStep
{
    public required long Frame { get; init; }

    /// <summary>Seconds since the connection's first captured packet.</summary>
    public required double Offset { get; init; }

    public required bool FromClient { get; init; }

    /// <summary>The TCP flags as Wireshark orders them, joined with '/': <c>SYN/ACK</c>, <c>RST</c>.</summary>
    public required string Flags { get; init; }

    /// <summary>TCP payload bytes.</summary>
    public required int Length { get; init; }

    /// <summary>What the payload was, e.g. <c>ClientHello shop.example</c>, <c>GET /x</c>, <c>HTTP 200</c>; null when nothing was dissected.</summary>
    public string? Label { get; init; }

    /// <summary>More of the payload than fits the label (an HTTP request's Host and User-Agent); null when none.</summary>
    public string? Detail { get; init; }

    public required bool IsRst { get; init; }

    public bool Retransmission { get; init; }

    /// <summary>Packets of the connection left out of the ladder just before this one.</summary>
    public int ElidedBefore { get; init; }
}
