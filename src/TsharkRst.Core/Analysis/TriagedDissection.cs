using TsharkRst.Capture;
using TsharkRst.Reports;
using TsharkRst.Rows;
using TsharkRst.Tshark;

namespace TsharkRst.Analysis;

/// <summary>The default way of dissecting: a triage pass indexes every packet without tshark, then tshark reads
/// only the connections that carry a RST and the DNS around them, copied into a focused capture that it reads from
/// its standard input, each row numbered as in the original and joining its connection of the index by frame
/// number. A small capture without a RST needs no tshark, one with a RST goes to a tshark it shares with other
/// captures (<see cref="TsharkPool"/>) when it can; a big one starts tshark alongside the triage pass, which
/// hides its start-up, and hands it what the pass decides: the focused copy, the original, or, when the pass cannot
/// read the capture, the whole of it, made into connections from tshark's rows as <see cref="FullDissection"/> does.</summary>
internal static class TriagedDissection
{
    /// <param name="waiting">called when the capture is about to wait for a shared tshark</param>
    public static DissectedCapture Start(CaptureInput input, string outputFolder, AnalysisSettings settings, TsharkPool? pool,
        Action waiting, CancellationToken cancellationToken) =>
        DissectedCapture.Start(input, (handover, token) => DissectAsync(input, outputFolder, settings, pool, waiting, handover, token), cancellationToken);

    /// <summary>One capture of a pair, whose focus is decided with the other capture's (<see cref="PairSide"/>): tshark starts
    /// at once, as for a big capture, one tshark a side, as the two sides already keep two cores busy.</summary>
    public static DissectedCapture Start(CaptureInput input, string outputFolder, AnalysisSettings settings, Task<Focus> focusing,
        Task<string> hashing, CancellationToken cancellationToken) =>
        DissectedCapture.Start(input, (handover, token) => WithTsharkAsync(input, outputFolder, settings with { Tsharks = 1 }, focusing, hashing,
            handover, token), cancellationToken);

    private static async Task<DissectionEnd> DissectAsync(CaptureInput input, string outputFolder, AnalysisSettings settings,
        TsharkPool? pool, Action waiting, Handover handover, CancellationToken cancellationToken)
    {
        var focusing = Focus.MakeAsync(input.Path, cancellationToken);
        var small = new FileInfo(input.Path).Length < settings.EarlyTsharkBytes;
        // A big capture is hashed after the pass, not beside it: beside it the hash took the core that the pass and
        // tshark's start-up share (big.pcapng's pass 180-250 ms -> 120 ms); after it, it runs while tshark dissects.
        var hashing = small ? CaptureFiles.Sha256Async(input.Path, cancellationToken) : HashAfterAsync(input.Path, focusing, cancellationToken);
        if (small)
        {
            var focus = await focusing.ConfigureAwait(false);
            if (focus.Whole)
                return await FullDissection.DissectAsync(input, outputFolder, settings, hashing, handover, cancellationToken).ConfigureAwait(false);
            if (focus.Triage is not { HasReset: true } triage)
                return await WithoutTsharkAsync(input, outputFolder, settings, focus, hashing, handover).ConfigureAwait(false);
            if (pool is not null && Shares(focus, triage, settings))
            {
                waiting();
                return await SharedAsync(input, outputFolder, settings, focus, hashing, pool, handover, cancellationToken).ConfigureAwait(false);
            }
        }
        return await WithTsharkAsync(input, outputFolder, settings, focusing, hashing, handover, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> HashAfterAsync(string path, Task focusing, CancellationToken cancellationToken)
    {
        await Task.WhenAny(focusing).ConfigureAwait(false);
        return await CaptureFiles.Sha256Async(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DissectionEnd> WithoutTsharkAsync(CaptureInput input, string outputFolder, AnalysisSettings settings,
        Focus focus, Task<string> hashing, Handover handover)
    {
        using var csv = CaptureFiles.PacketsCsv(settings, outputFolder, input.Path);
        if (focus.Failure is { } failure)
            return DissectionEnd.Failed(await CaptureFiles.UnreadableAsync(hashing).ConfigureAwait(false) ?? failure);
        var triage = focus.Triage!;
        handover.Profiles(triage.Profiles);
        csv?.Complete(settings.Fields.Names);
        return new DissectionEnd(hashing, triage.Packets, triage.First, triage.Last, triage.Connections,
            new EvidenceSource(input.Path, [], frame => frame), Damage(triage));
    }

    private static async Task<DissectionEnd> WithTsharkAsync(CaptureInput input, string outputFolder, AnalysisSettings settings,
        Task<Focus> focusing, Task<string> hashing, Handover handover, CancellationToken cancellationToken)
    {
        using var csv = CaptureFiles.PacketsCsv(settings, outputFolder, input.Path);
        // Kept until the evidence is copied from it.
        var focusedPath = handover.Temporary(CaptureFiles.FocusedPath());
        // What tshark reads and where its rows go, known once the triage pass is done, before tshark's first row.
        var reading = new TaskCompletionSource<FocusedReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TsharkRunResult> Run(int tshark) => TsharkDissection.RunAsync(settings.Tshark, focusedPath, settings.Fields,
            record => reading.Task.Result.Add(tshark, record), settings.Timeout, cancellationToken,
            originalFrame: frame => reading.Task.Result.Original(tshark, frame),
            standardInput: async (stdin, token) => await (await reading.Task.ConfigureAwait(false)).WriteAsync(tshark, stdin, token).ConfigureAwait(false),
            keys: settings.TlsKeys);
        var first = Run(0);
        Focus focus;
        try
        {
            focus = await focusing.ConfigureAwait(false);
            reading.SetResult(FocusedReading.Of(input, focus, focusedPath, settings, csv, handover));
        }
        catch (Exception ex)
        {
            reading.TrySetException(ex);
            await Task.WhenAny(first).ConfigureAwait(false);
            throw;
        }
        var read = reading.Task.Result;
        var runs = await TsharkGroups.RunAsync(read, first, Run, cancellationToken).ConfigureAwait(false);
        var rows = read.Rows;
        if (focus.Whole)
            return await FullDissection.EndAsync(input, runs[0], rows, hashing).ConfigureAwait(false);
        return await EndAsync(focus, hashing, read, runs, []).ConfigureAwait(false);
    }

    private static async Task<DissectionEnd> EndAsync(Focus focus, Task<string> hashing, FocusedReading reading,
        IReadOnlyList<TsharkRunResult> runs, List<string> notes)
    {
        if (focus.Failure is { } failure)
            return DissectionEnd.Failed(await CaptureFiles.UnreadableAsync(hashing).ConfigureAwait(false) ?? failure);
        var triage = focus.Triage!;
        List<string> errors = [.. Damage(triage), .. notes];
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Error is { } tsharkError)
                errors.Add($"{tsharkError} ({reading.Reading(i)})");
        }
        errors.AddRange(runs.SelectMany(run => run.RowErrors));
        await reading.Rows.FinishAsync().ConfigureAwait(false);
        return new DissectionEnd(hashing, triage.Packets, triage.First, triage.Last, triage.Connections, reading.Evidence, errors);
    }

    /// <summary>Whether a shared tshark reads the capture. It reads sections written here, every frame of one when nearly
    /// every frame is wanted (so only frames numbered without gaps), and holds a capture's rows until its last, so at
    /// most <see cref="TsharkPool.MaxCaptureFrames"/>. A damaged capture is read as it is, for tshark's own word on it,
    /// and a key log goes to a tshark given it.</summary>
    private static bool Shares(Focus focus, TriageIndex triage, AnalysisSettings settings) =>
        settings.TlsKeys is null && triage.Damage is null && (focus.ReadsOriginal
            ? triage.NumbersOnlyPackets && triage.Packets <= TsharkPool.MaxCaptureFrames
            : focus.Frames.Count <= TsharkPool.MaxCaptureFrames);

    /// <summary>The focused capture goes through a tshark shared with other captures (<see cref="TsharkPool"/>), its
    /// rows held until its last arrives; if that tshark stops first, they are dropped and a tshark of its own reads it.</summary>
    private static async Task<DissectionEnd> SharedAsync(CaptureInput input, string outputFolder, AnalysisSettings settings, Focus focus,
        Task<string> hashing, TsharkPool pool, Handover handover, CancellationToken cancellationToken)
    {
        using var csv = CaptureFiles.PacketsCsv(settings, outputFolder, input.Path);
        var focusedPath = handover.Temporary(CaptureFiles.FocusedPath());
        var reading = FocusedReading.ForSection(input, focus, focusedPath, settings, csv, handover);
        await reading.WriteAsync(0, Stream.Null, cancellationToken).ConfigureAwait(false);
        var section = SectionConversations.Read(focusedPath);
        var held = new List<PacketRecord>();
        var (run, stopped) = await pool.ReadAsync(focusedPath, section, frame => reading.Original(0, frame), held.Add, settings.Timeout, cancellationToken)
            .ConfigureAwait(false);
        if (run is null)
        {
            run = await TsharkDissection.RunAsync(settings.Tshark, focusedPath, settings.Fields, reading.Rows.Add, settings.Timeout,
                cancellationToken, originalFrame: frame => reading.Original(0, frame)).ConfigureAwait(false);
        }
        else
        {
            foreach (var record in held)
                reading.Rows.Add(record);
        }
        List<string> errors = [];
        if (stopped is not null)
            errors.Add($"The tshark this capture shared with others stopped while reading it ({stopped}); it was read again by a tshark of its own.");
        return await EndAsync(focus, hashing, reading, [run], errors).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> Damage(TriageIndex triage) =>
        triage.Damage is { } damage ? [$"{damage.Message} The {triage.Packets} packets before it were analysed."] : [];
}
