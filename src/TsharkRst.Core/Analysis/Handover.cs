using System.Threading.Channels;
using TsharkRst.Connections;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>What a dissection hands the conclusion while it runs: the address profiles once they are complete,
/// then each connection once all its rows are in. A connection waits while the conclusion is a few behind, so
/// the rows held stay bounded.</summary>
internal sealed class Handover(CancellationToken cancellationToken)
{
    /// <summary>Connections in hand at most: enough to keep both sides busy, few enough to hold little.</summary>
    private const int InHand = 64;

    private readonly Channel<DissectedConnection> _connections = Channel.CreateBounded<DissectedConnection>(
        new BoundedChannelOptions(InHand) { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<AddressProfiles> _profiles = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<AddressProfiles> ProfilesReady => _profiles.Task;

    /// <summary>What evidence.pcapng will copy, when known before tshark's rows (a triaged capture); complete with the profiles.</summary>
    public EvidencePlan? Evidence { get; private set; }

    public ChannelReader<DissectedConnection> Connections => _connections.Reader;

    /// <summary>Files to delete once the capture is concluded (the focused capture evidence.pcapng is copied from).</summary>
    public List<string> TemporaryFiles { get; } = [];

    public string Temporary(string path)
    {
        lock (TemporaryFiles)
            TemporaryFiles.Add(path);
        return path;
    }

    /// <summary>The profiles are complete: the conclusion may start on the connections, and copy <paramref name="evidence"/>
    /// as they are concluded.</summary>
    public void Profiles(AddressProfiles profiles, EvidencePlan? evidence = null)
    {
        Evidence ??= evidence;
        _profiles.TrySetResult(profiles);
    }

    /// <summary>Hands over a complete connection; called on tshark's reading thread, which waits while the conclusion is behind.</summary>
    public void Connection(DissectedConnection connection)
    {
        if (!_connections.Writer.TryWrite(connection))
            _connections.Writer.WriteAsync(connection, cancellationToken).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Nothing more comes (also when the dissection failed: the conclusion then reads its end).</summary>
    public void Complete()
    {
        _profiles.TrySetResult(new AddressProfiles());
        _connections.Writer.TryComplete();
    }
}
