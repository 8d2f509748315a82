namespace TsharkRst.Findings;

/// <summary>The case for and against the claimed sender, as the checks build it: the signals that
/// contradict its packets, the ways the RST agrees with them, and what was considered and explained
/// away (spec: every signal that fired, or was set aside, is named in the evidence).</summary>
public sealed class OriginCase
{
    private readonly List<OriginSignal> _signals = [];
    private readonly List<Evidence> _explained = [];
    private readonly HashSet<SenderMatch> _matches = [];

    public IReadOnlyList<OriginSignal> Signals => _signals;

    /// <summary>Signals considered and set aside, with the ordinary behaviour that explains them.</summary>
    public IReadOnlyList<Evidence> Explained => _explained;

    public IReadOnlySet<SenderMatch> Matches => _matches;

    /// <summary>The device the RST names as its maker, if it names one.</summary>
    public ResetDevice? Device { get; private set; }

    public void Names(ResetDevice device) => Device ??= device;

    /// <summary>The RST came from the stack that answered the sender's handshake, not from the one that sent
    /// its data: a front end (a load balancer or proxy) made it.</summary>
    public bool FrontEnd { get; private set; }

    public void ByFrontEnd() => FrontEnd = true;

    public void Against(long frame, string note, SignalWeight weight, SignalFamily family) =>
        _signals.Add(new OriginSignal(new Evidence(frame, note), weight, family));

    public void Explain(long frame, string note) => _explained.Add(new Evidence(frame, note));

    public void Agrees(SenderMatch match) => _matches.Add(match);

    public bool Has(SenderMatch match) => _matches.Contains(match);
}
