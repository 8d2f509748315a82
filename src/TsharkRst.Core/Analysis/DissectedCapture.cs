using System.Runtime.CompilerServices;
using TsharkRst.Connections;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>One capture as a way of dissecting it leaves it, the same record for every way (a triage pass and
/// tshark over the reset connections, tshark over every packet, each side of a pair): the address profiles, then
/// the connections as each is complete, then what is known at the end. The conclusion reads nothing else.</summary>
internal sealed class DissectedCapture : IAsyncDisposable
{
    private readonly Func<CancellationToken, IAsyncEnumerable<DissectedConnection>> _connections;

    private readonly Func<ValueTask> _dispose;
    private readonly Func<EvidencePlan?> _evidence;

    private DissectedCapture(CaptureInput input, Task<AddressProfiles> profiles,
        Func<CancellationToken, IAsyncEnumerable<DissectedConnection>> connections, Task<DissectionEnd> end, Func<ValueTask>? dispose = null,
        Func<EvidencePlan?>? evidence = null) =>
        (Input, Profiles, _connections, End, _dispose, _evidence) =
        (input, profiles, connections, end, dispose ?? (() => ValueTask.CompletedTask), evidence ?? (() => null));

    public CaptureInput Input { get; }

    /// <summary>Complete before the first connection is handed over.</summary>
    public Task<AddressProfiles> Profiles { get; }

    /// <summary>What evidence.pcapng will copy, once <see cref="Profiles"/> is complete: known then for a triaged capture
    /// read as it is dissected, so it can be copied while tshark runs; null otherwise.</summary>
    public EvidencePlan? Evidence => _evidence();

    /// <summary>Complete once <see cref="Connections"/> has been read to its end.</summary>
    public Task<DissectionEnd> End { get; }

    /// <summary>Each connection tshark dissected, once all its rows are in: in the order of their last frames, and
    /// those tshark's rows never completed, at the end in the order of their first.</summary>
    public IAsyncEnumerable<DissectedConnection> Connections(CancellationToken cancellationToken = default) =>
        _connections(cancellationToken);

    /// <summary>Runs <paramref name="dissect"/>, which hands its profiles and connections over as it goes.</summary>
    public static DissectedCapture Start(CaptureInput input, Func<Handover, CancellationToken, Task<DissectionEnd>> dissect,
        CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var handover = new Handover(stop.Token);
        var end = Task.Run(async () =>
        {
            try
            {
                return await dissect(handover, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                handover.Complete();
            }
        }, CancellationToken.None); // never skipped: only its own run completes the handover the conclusion waits on
        return new DissectedCapture(input, handover.ProfilesReady, token => Read(handover, end, stop, token), end, async () =>
        {
            // Once the dissection is over (stopped, if the conclusion gave up on it or on the hash), its temporary files go.
            if (!end.IsCompleted || end is { IsCompletedSuccessfully: true, Result.Hashing.IsCompleted: false })
                await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await end.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its failure was the conclusion's to report.
            }
            stop.Dispose();
            foreach (var file in handover.TemporaryFiles)
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A temporary file left behind does not undo a finished capture.
                }
            }
        }, () => handover.Evidence);
    }

    public ValueTask DisposeAsync() => _dispose();

    /// <summary>A capture read whole before it is concluded (each side of a pair waits for the other).</summary>
    public static DissectedCapture Whole(CaptureInput input, AddressProfiles profiles, IReadOnlyList<DissectedConnection> connections,
        DissectionEnd end) =>
        new(input, Task.FromResult(profiles), _ => connections.ToAsyncEnumerable(), Task.FromResult(end));

    /// <summary>Reads the whole capture: every connection, then the end.</summary>
    public async Task<(AddressProfiles Profiles, List<DissectedConnection> Connections, DissectionEnd End)> ReadWholeAsync(
        CancellationToken cancellationToken)
    {
        var profiles = await Profiles.ConfigureAwait(false);
        var connections = new List<DissectedConnection>();
        await foreach (var connection in Connections(cancellationToken).ConfigureAwait(false))
            connections.Add(connection);
        return (profiles, connections, await End.ConfigureAwait(false));
    }

    private static async IAsyncEnumerable<DissectedConnection> Read(Handover handover, Task<DissectionEnd> end, CancellationTokenSource stop,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readAll = false;
        try
        {
            await foreach (var connection in handover.Connections.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return connection;
            readAll = true;
        }
        finally
        {
            // A conclusion that stops reading stops the dissection too, rather than leave tshark waiting on it; one that read
            // every connection lets it end by itself (a big capture's hash goes on after the last connection is handed over).
            if (!readAll && !end.IsCompleted)
                await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
