using TsharkRst.Connections;

namespace TsharkRst.Findings;

/// <summary>The diagnosis of one connection's first RST: every field of spec/findings.md's
/// <c>resets[]</c>, plus the connection's history string.</summary>
public sealed record ResetFinding
{
    public required Endpoint Client { get; init; }
    public required Endpoint Server { get; init; }
    public required long RstFrame { get; init; }
    public required DateTimeOffset RstTime { get; init; }
    public required int RstCount { get; init; }
    public required Side SentBy { get; init; }
    public required Origin Origin { get; init; }
    public required Phase Phase { get; init; }
    public required Verdict Verdict { get; init; }
    public required Confidence Confidence { get; init; }
    public required double IdleBeforeSeconds { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<Evidence> Evidence { get; init; }
    public required IReadOnlyList<string> NextSteps { get; init; }
    public TlsContext? Tls { get; init; }
    public HttpContext? Http { get; init; }
    public required string WiresharkFilter { get; init; }

    /// <summary>The last application message each way before the RST (spec: <c>app</c>); null when none.</summary>
    public LastMessages? App { get; init; }
    /// <summary>The connection's Community ID v1, seed 0 (spec: <c>communityId</c>): the key Zeek, Suricata,
    /// Arkime and Elastic records of the same connection carry.</summary>
    public string CommunityId => Connections.CommunityId.Of(Client, Server);

    /// <summary>The connection's tampering signature (spec: <c>tampering</c>, with its Radar stage beside it);
    /// null when none fits. An observation: origin and verdict never read it.</summary>
    public TamperingSignature? Tampering { get; init; }

    /// <summary>The device the RST names as its maker (spec: <c>device</c>); null when it names none.</summary>
    public ResetDevice? Device { get; init; }

    /// <summary>Zeek-style history of the connection up to and including the first RST.</summary>
    public required string History { get; init; }

    /// <summary>Names DNS answers in the capture gave the server's address before the RST.</summary>
    public IReadOnlyList<string> ServerNames { get; init; } = [];

    /// <summary>The packets around the first RST, for the report's ladder diagram.</summary>
    public IReadOnlyList<LadderStep> Ladder { get; init; } = [];

    /// <summary>The ladder's packets as both captures of a pair saw them; null without a pair, or when
    /// they cannot be put on one clock.</summary>
    public PathLadder? PathLadder { get; init; }

    /// <summary>The same RST in the capture from the other end (spec: <c>pair</c>); null without one.</summary>
    public ResetPair? Pair { get; init; }
}
