namespace TsharkRst.Findings;

/// <summary>The verdict: the first rule of spec/findings.md's table that matches.</summary>
public static class VerdictRule
{
    public static Verdict Of(Phase phase, Side sentBy, Origin origin, IdleGap idle, TimeSpan idleThreshold)
    {
        var middlebox = origin == Origin.Middlebox;
        if (phase == Phase.Syn && sentBy == Side.Server)
            return middlebox ? Verdict.FirewallReject : Verdict.PortClosed;
        if (phase == Phase.SynAck || (phase == Phase.Syn && sentBy == Side.Client))
            return Verdict.HandshakeAbort;
        if (phase is Phase.Established or Phase.Response && !idle.Awaited &&
            idle.Seconds >= idleThreshold.TotalSeconds)
            return Verdict.IdleTimeout;
        if (middlebox)
            return Verdict.MiddleboxInjection;
        return phase switch
        {
            Phase.TlsAlert => Verdict.TlsAlert,
            Phase.TlsHandshake => Verdict.TlsRejected,
            Phase.Closing => Verdict.AfterClose,
            Phase.Request when sentBy == Side.Server => Verdict.RequestRejected,
            Phase.Request when sentBy == Side.Client => Verdict.RequestAbandoned,
            Phase.Response => Verdict.ResponseAborted,
            Phase.Established => Verdict.AbortiveClose,
            _ => Verdict.Unknown,
        };
    }
}
