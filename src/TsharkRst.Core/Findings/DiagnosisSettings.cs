namespace TsharkRst.Findings;

/// <summary>The settings a diagnosis depends on.</summary>
public sealed record DiagnosisSettings
{
    public static readonly TimeSpan DefaultIdleThreshold = TimeSpan.FromSeconds(5);

    /// <summary>A silence at least this long before a RST in the established or response phase is an idle timeout.</summary>
    public TimeSpan IdleThreshold { get; init; } = DefaultIdleThreshold;
}
