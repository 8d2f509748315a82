using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Rows;

namespace TsharkRst.Analysis;

/// <summary>The rows of one tshark pass as they arrive: counted, written to packets.csv, read for DNS names (and,
/// without a triage pass, for the address profiles), and put together into connections, each handed over once
/// complete.</summary>
internal sealed class TsharkRows(ConnectionAssembly assembly, Handover handover, PacketsCsv? csv, IReadOnlyList<string> columns,
    AddressProfiles? profiles)
{
    private readonly DnsNames _dns = new();
    private Action<AssembledConnection>? _hand;
    private readonly List<long> _dnsFrames = [];

    public ConnectionIndex Index => assembly.Index;

    public long Packets { get; private set; }

    public DateTimeOffset? First { get; private set; }

    public DateTimeOffset? Last { get; private set; }

    /// <summary>The frames tshark dissected as DNS.</summary>
    public IReadOnlyList<long> DnsFrames => _dnsFrames;

    public void Add(PacketRecord record)
    {
        var row = record.Row;
        Packets++;
        First ??= row.Time;
        Last = row.Time;
        _dns.Add(row);
        profiles?.Add(row);
        if (row.Carries("dns"))
            _dnsFrames.Add(row.Frame);
        csv?.Write(columns, record);
        // One delegate for every row: a method group makes a new one each time.
        assembly.Add(row, _hand ??= Hand);
    }

    /// <summary>tshark is done: the profiles are complete, and the connections still awaited are handed over, on a
    /// thread of their own since each waits while the conclusion is behind (every connection, without a triage pass).</summary>
    public Task FinishAsync() =>
        Task.Factory.StartNew(Finish, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Finish()
    {
        if (profiles is not null)
            handover.Profiles(profiles);
        assembly.Finish(Hand);
        csv?.Complete(columns);
    }

    private void Hand(AssembledConnection c) => handover.Connection(
        new DissectedConnection(c.Number, c.Connection, c.Summary, _dns.For(c.Connection.Server.Address, long.MaxValue)));
}
