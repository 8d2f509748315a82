using TsharkRst.Capture;

namespace TsharkRst.Analysis;

/// <summary>What the triage pass found, and what tshark is to read of the capture: the frames of the connections
/// that carry a RST and the DNS context (none when nothing was reset), copied into a focused capture, or the
/// original itself when nearly every frame is wanted; the whole capture with no index when the pass cannot read
/// it (another format, a link type it does not decode); or why the capture cannot be analysed.</summary>
internal sealed record Focus(TriageIndex? Triage, FrameSet Frames, string? Failure)
{
    /// <summary>tshark reads the capture whole, and the connections are made from its rows.</summary>
    public bool Whole => Triage is null && Failure is null;

    /// <summary>Nearly every frame is wanted: tshark reads the original rather than a copy.</summary>
    public bool ReadsOriginal => Frames.Count > 0 && Frames.Count >= Triage!.Packets * 9 / 10;

    /// <summary>The frames evidence.pcapng copies: the reset connections and DNS, even where tshark reads more.</summary>
    public FrameSet Evidence { get; private init; } = Frames;

    /// <param name="outlines">keep every TCP packet's numbers, for a capture of a pair</param>
    public static async Task<Focus> MakeAsync(string path, CancellationToken cancellationToken, bool outlines = false)
    {
        TriageIndex? triage;
        try
        {
            triage = await Task.Run(() => TriagePass.Run(path, cancellationToken, outlines ? new OutlineRecorder() : null), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Focus(null, [], $"it cannot be read ({ex.Message})");
        }
        // A link type only tshark knows: tshark reads everything.
        if (triage is null or { UndecodedLinkType: not null })
            return new Focus(null, [], null);
        if (triage is { Packets: 0, Damage: { } damaged })
            return new Focus(null, [], damaged.Message);
        return new Focus(triage, triage.FocusFrames(), null);
    }

    /// <summary>Every frame, where a pair's connections could not be matched before tshark reads them; the evidence is unchanged.</summary>
    public Focus Everything() => Triage is null ? this : this with { Frames = FrameSet.Through(Triage.LastFrame), Evidence = Frames };

    /// <summary>This focus with the connections numbered <paramref name="partners"/> read too (in a capture of a pair, those
    /// the other capture's reset connections match), for the pairing, not for the evidence.</summary>
    public Focus WithPartners(IReadOnlyCollection<int> partners) =>
        this with { Frames = Triage!.FocusFrames(partners), Evidence = Frames };
}
