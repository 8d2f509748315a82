namespace TsharkRst.Findings;

/// <summary>The phase of a connection at its first RST: the first that holds in
/// <see cref="Precedence"/> order (spec/findings.md, "Phases").</summary>
public static class PhaseRule
{
    public static IReadOnlyList<Phase> Precedence { get; } =
    [
        Phase.TlsAlert, Phase.Closing, Phase.TlsHandshake, Phase.Response,
        Phase.Request, Phase.Established, Phase.SynAck, Phase.Syn,
    ];

    public static Phase Of(ResetSnapshot s)
    {
        foreach (var phase in Precedence)
            if (Holds(phase, s))
                return phase;
        return Phase.Unknown;
    }

    private static bool Holds(Phase phase, ResetSnapshot s) => phase switch
    {
        Phase.TlsAlert => s.Alert?.IsError == true,
        Phase.Closing => s.FirstFin is not null || s.Alert?.IsClosure == true,
        Phase.TlsHandshake => s.ClientHello is not null && !s.TlsHandshakeFinished,
        Phase.Response => s.Server.Sent,
        Phase.Request => s.Client.Sent,
        Phase.Established => s.HandshakeComplete,
        Phase.SynAck => s.SynAck is not null,
        Phase.Syn => s.Syn is not null,
        _ => false,
    };
}
