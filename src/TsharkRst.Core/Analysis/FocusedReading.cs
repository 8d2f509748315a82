using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Rows;

namespace TsharkRst.Analysis;

/// <summary>What tshark reads in a triaged dissection, decided once the triage pass is done: the frames of its
/// <see cref="Focus"/> copied into a focused capture (just a section header when nothing was reset), the original
/// when nearly every frame is wanted, or the whole capture when the pass could not read it; where its rows go,
/// how a row's frame number becomes the original's, and what evidence.pcapng is copied from. When the reset
/// connections are many bytes, several tsharks read them (<see cref="FocusGroups"/>), each its group copied to its
/// standard input, and their rows are merged back by frame before they go anywhere.</summary>
internal sealed class FocusedReading
{
    private readonly Func<long, long>[] _originals;
    private readonly Func<Stream, CancellationToken, Task>[] _writes;
    private readonly string[] _readings;

    private FocusedReading(TsharkRows rows, EvidenceSource evidence, Func<long, long>[] originals,
        Func<Stream, CancellationToken, Task>[] writes, string[] readings, FrameOrderMerge? merge) =>
        (Rows, Evidence, _originals, _writes, _readings, Merge) = (rows, evidence, originals, writes, readings, merge);

    private FocusedReading(TsharkRows rows, Func<long, long> original, EvidenceSource evidence, Func<Stream, CancellationToken, Task> write)
        : this(rows, evidence, [original], [write], [$"reading the {evidence.Frames.Count} packets of the reset connections and DNS"], null)
    {
    }

    public TsharkRows Rows { get; }

    public EvidenceSource Evidence { get; }

    /// <summary>How many tsharks read the capture: the first is already running, the others start now.</summary>
    public int Tsharks => _writes.Length;

    /// <summary>Where the rows of several tsharks are merged; null for one.</summary>
    public FrameOrderMerge? Merge { get; }

    /// <summary>A row of tshark number <paramref name="tshark"/>.</summary>
    public void Add(int tshark, PacketRecord record)
    {
        if (Merge is null)
            Rows.Add(record);
        else
            Merge.Add(tshark, record);
    }

    public long Original(int tshark, long frame) => _originals[tshark](frame);

    public Task WriteAsync(int tshark, Stream stdin, CancellationToken cancellationToken) => _writes[tshark](stdin, cancellationToken);

    /// <summary>How tshark number <paramref name="tshark"/> is named in an error.</summary>
    public string Reading(int tshark) => _readings[tshark];

    public static FocusedReading Of(CaptureInput input, Focus focus, string focusedPath, AnalysisSettings settings, PacketsCsv? csv,
        Handover handover)
    {
        var columns = settings.Fields.Names;
        Task CopyOriginal(Stream tshark, CancellationToken token) => CopyAsync(input.Path, tshark, token);
        if (focus.Triage is not { } triage)
        {
            // The whole capture, its connections made from tshark's rows (a failed pass reads nothing of them).
            var rows = new TsharkRows(ConnectionAssembly.Grouping(), handover, csv, columns, new AddressProfiles());
            return new FocusedReading(rows, frame => frame, new EvidenceSource(input.Path, [], frame => frame),
                focus.Whole ? CopyOriginal : (tshark, token) => WriteFocused(input.Path, [], focusedPath, tshark, triage: null, token));
        }
        handover.Profiles(triage.Profiles, new EvidencePlan(input.Path, focus.Evidence, triage.ResumePoints, triage.Connections,
            number => focus.Frames.Contains(triage.Connections.FirstFrameOf(number))));
        var frames = focus.Frames;
        // A focus left in one group is read as one tshark reads it: the original itself, where it would be.
        if (Splits(triage, focus, settings) && FocusGroups.Split(triage, frames, settings.Tsharks, focus.ReadsOriginal,
                wholePairs: settings.TlsKeys is not null || triage.Secrets.Count > 0) is { Count: > 1 } groups)
            return Split(input, triage, focus, groups, settings, new TsharkRows(ConnectionAssembly.Joining(triage.Connections,
                focus.ReadsOriginal ? _ => true : frames.Contains), handover, csv, columns, null));
        if (focus.ReadsOriginal)
            return new FocusedReading(new TsharkRows(ConnectionAssembly.Joining(triage.Connections, _ => true), handover, csv, columns, null),
                frame => frame, new EvidenceSource(input.Path, focus.Evidence, frame => frame), CopyOriginal);
        // The map is known before the first packet is written, so tshark's first row can use it.
        var map = new FrameMap(frames);
        return new FocusedReading(new TsharkRows(ConnectionAssembly.Joining(triage.Connections, frames.Contains), handover, csv, columns, null),
            map.Original, new EvidenceSource(focusedPath, Focused(focus, map), map.Original),
            (tshark, token) => WriteFocused(input.Path, frames, focusedPath, tshark, triage, token));
    }

    /// <summary>The reading of a capture through a shared tshark (<see cref="TsharkPool"/>), which reads pcapng
    /// sections: as <see cref="Of"/> gives it, but where nearly every frame is wanted, every frame copied rather than the
    /// original read (so only for a capture whose frames are numbered without gaps, kept as they are).</summary>
    public static FocusedReading ForSection(CaptureInput input, Focus focus, string focusedPath, AnalysisSettings settings, PacketsCsv? csv,
        Handover handover)
    {
        if (!focus.ReadsOriginal)
            return Of(input, focus, focusedPath, settings with { Tsharks = 1 }, csv, handover);
        var triage = focus.Triage!;
        handover.Profiles(triage.Profiles);
        var every = FrameSet.Through(triage.Packets);
        return new FocusedReading(new TsharkRows(ConnectionAssembly.Joining(triage.Connections, _ => true), handover, csv, settings.Fields.Names, null),
            frame => frame, new EvidenceSource(input.Path, focus.Evidence, frame => frame),
            (tshark, token) => WriteFocused(input.Path, every, focusedPath, tshark, triage, token));
    }

    /// <summary>Whether several tsharks read the focus. Where one would read the original, they are given every frame
    /// between them, so only a capture whose frames can all be copied as they are: not a damaged one (tshark's own
    /// complaint about the file is kept), nor one with blocks numbered as frames that are not packets; and only when
    /// every frame tshark reads TCP in is a connection's (an ICMP error quoting a segment, in the first group, would
    /// open a stream of its own there, and every later stream would be numbered one higher).</summary>
    private static bool Splits(TriageIndex triage, Focus focus, AnalysisSettings settings) =>
        settings.Tsharks > 1 && triage.Damage is null &&
        (!focus.ReadsOriginal || triage.NumbersOnlyPackets && triage.HiddenTcpFrames == 0) &&
        (settings.SplitFocusBytes == 0 ? focus.Frames.Count > 0 : FocusGroups.Worthwhile(triage, settings.SplitFocusBytes));

    /// <summary>The evidence frames by their numbers in the focused capture.</summary>
    private static FrameSet Focused(Focus focus, FrameMap map)
    {
        if (ReferenceEquals(focus.Evidence, focus.Frames))
            return FrameSet.Through(map.Count);
        var frames = new FrameSet();
        foreach (var frame in focus.Evidence)
            frames.Add(map.Focused(frame)!.Value);
        return frames;
    }

    /// <summary>Each group to a tshark of its own, copied from the original, which evidence.pcapng is copied from too;
    /// where one tshark would read the original, the groups hold every frame of it.</summary>
    private static FocusedReading Split(CaptureInput input, TriageIndex triage, Focus focus, IReadOnlyList<FrameSet> groups,
        AnalysisSettings settings, TsharkRows rows)
    {
        var maps = groups.Select(group => new FrameMap(group)).ToArray();
        var whole = focus.ReadsOriginal
            ? $"the {triage.Packets} packets of the capture"
            : $"the {focus.Evidence.Count} packets of the reset connections and DNS";
        return new FocusedReading(rows, new EvidenceSource(input.Path, focus.Evidence, frame => frame),
            [.. maps.Select(map => (Func<long, long>)map.Original)],
            [.. groups.Select(group => (Func<Stream, CancellationToken, Task>)((tshark, token) => WriteGroup(input.Path, group, tshark, triage, token)))],
            [.. groups.Select(group => $"reading {group.Count} of {whole}")],
            new FrameOrderMerge(groups.Count, settings.Fields.Names));
    }

    private static async Task CopyAsync(string path, Stream tshark, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await file.CopyToAsync(tshark, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the focused capture to its file and to tshark at once, so tshark dissects while the capture
    /// is read (just a section header when there is nothing to focus on).</summary>
    private static Task WriteFocused(string capturePath, FrameSet frames, string focusedPath, Stream tshark, TriageIndex? triage,
        CancellationToken cancellationToken)
    {
        var file = new FileStream(focusedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new PcapngWriter(file, tshark);
        if (frames.Count == 0 || triage is null)
        {
            file.Dispose();
            return Task.CompletedTask;
        }
        return OnThreadOfItsOwn(() =>
        {
            using (file)
                Copy(capturePath, frames, writer, triage, cancellationToken);
        });
    }

    /// <summary>Writes one group of the focus to its tshark alone: evidence.pcapng is copied from the original.</summary>
    private static Task WriteGroup(string capturePath, FrameSet group, Stream tshark, TriageIndex triage, CancellationToken cancellationToken) =>
        OnThreadOfItsOwn(() => Copy(capturePath, group, new PcapngWriter(tshark), triage, cancellationToken));

    /// <summary>The copy waits on tshark's pipe for most of the run: a pool thread held that long starves the pool.
    /// Always started, so the file it writes is always closed (it stops on the token itself).</summary>
    private static Task OnThreadOfItsOwn(Action copy) =>
        Task.Factory.StartNew(copy, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Copy(string capturePath, FrameSet frames, PcapngWriter writer, TriageIndex triage, CancellationToken cancellationToken)
    {
        // The capture's own keys go first, so tshark decrypts what follows.
        foreach (var secret in triage.Secrets)
            writer.WriteSecrets(secret);
        using var reader = CaptureReader.Open(capturePath) ?? throw new IOException("the capture changed while it was read");
        CaptureExtract.Copy(reader, frames, writer, frame => new PacketNote(frame), cancellationToken, triage.ResumePoints);
    }
}
