namespace TsharkRst.Cli;

/// <summary>The documented exit codes of tsharkrst.</summary>
public static class ExitCodes
{
    /// <summary>Every capture was analysed.</summary>
    public const int Ok = 0;

    /// <summary>Some captures could not be analysed (each is named in the output).</summary>
    public const int SomeFailed = 1;

    /// <summary>A usage error, or tshark is missing: nothing was analysed.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (a service manager, <c>timeout</c>, <c>kill</c>).</summary>
    public const int Terminated = 143;
}
