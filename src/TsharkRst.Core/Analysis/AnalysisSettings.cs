using TsharkRst.Findings;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>Everything one analysis run needs besides the captures.</summary>
public sealed record AnalysisSettings
{
    public TsharkProgram Tshark { get; init; } = TsharkProgram.Default;
    public TsharkFields Fields { get; init; } = TsharkFields.BuiltIn;
    public ReportTemplates Templates { get; init; } = ReportTemplates.BuiltIn;
    public DiagnosisSettings Diagnosis { get; init; } = new();
    public OutputFormats Formats { get; init; } = OutputFormats.All;

    /// <summary>Runs tshark over every packet instead of only the reset connections and DNS (--full).</summary>
    public bool FullDissection { get; init; }

    /// <summary>Findings written one by one per capture; the resets past it are counted in findings.json's
    /// <c>aggregated</c> (--max-findings).</summary>
    public int MaxFindings { get; init; } = DefaultMaxFindings;

    public const int DefaultMaxFindings = 1_000;

    /// <summary>A TLS key log handed to tshark (--tls-keys).</summary>
    public TlsKeyLog? TlsKeys { get; init; }

    /// <summary>evidence.pcapng keeps the TLS secrets (the capture's own and --tls-keys) instead of dropping them
    /// (--keep-secrets): evidence files go into tickets.</summary>
    public bool KeepSecrets { get; init; }

    /// <summary>How long tshark may take over one capture before it is stopped.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>From this size on, tshark starts alongside the triage pass, which then hides its start-up (about
    /// half a second); smaller captures are triaged first, and need no tshark without a RST.</summary>
    internal long EarlyTsharkBytes { get; init; } = TsharkPool.SmallCaptureBytes;

    /// <summary>From about this many bytes of reset connections on, they are split among <see cref="Tsharks"/>
    /// tsharks side by side (<see cref="Capture.FocusGroups.Worthwhile"/>; 0 splits whatever is focused on, for the
    /// tests): on the loaded 2-core build machine 16 and 32 MB took longer split than with one tshark.</summary>
    internal long SplitFocusBytes { get; init; } = 64L << 20;

    /// <summary>How many tsharks may share one capture's reset connections: one per core, each over the connections
    /// of its pairs of hosts (<see cref="Capture.FocusGroups"/>), their rows merged into what one tshark gives.</summary>
    internal int Tsharks { get; init; } = Math.Min(Environment.ProcessorCount, 8);
}
