using TsharkRst.Capture;
using TsharkRst.Connections;
using TsharkRst.Reports;
using TsharkRst.Rows;

namespace TsharkRst.Analysis;

/// <summary>The rows of one tshark pass gathered into what the rules read, and written to packets.csv
/// as they arrive.</summary>
internal sealed class DissectedRows(PacketsCsv? csv, IReadOnlyList<string> columns)
{
    private readonly List<long> _dnsFrames = [];

    /// <summary>False while a triage pass gathers the address profiles from every packet instead.</summary>
    public bool GatherProfiles { get; set; } = true;

    public ConnectionTracker Tracker { get; } = new();
    public DnsNames Dns { get; } = new();
    public AddressProfiles Profiles { get; } = new();
    public long Packets { get; private set; }
    public DateTimeOffset? First { get; private set; }
    public DateTimeOffset? Last { get; private set; }

    /// <summary>Diagnoses reset connections as soon as their last packet is in (focused dissection only).</summary>
    public ResetCompletion? Completion { get; set; }

    /// <summary>The summaries of the connections diagnosed and let go before the end, by client, server and
    /// first frame, where tshark's differs from the triage index's (a retransmission or zero-window letter).</summary>
    public Dictionary<(Endpoint Client, Endpoint Server, long FirstFrame), ConnectionSummary> Retired { get; } = [];

    /// <summary>The frames tshark dissected as DNS.</summary>
    public IReadOnlyList<long> DnsFrames => _dnsFrames;

    public void Add(PacketRecord record)
    {
        var row = record.Row;
        Packets++;
        First ??= row.Time;
        Last = row.Time;
        var connection = Tracker.Add(row);
        Dns.Add(row);
        if (GatherProfiles)
            Profiles.Add(row);
        if (row.Carries("dns"))
            _dnsFrames.Add(row.Frame);
        csv?.Write(columns, record);
        if (connection is not null)
            Completion?.Saw(connection, row.Frame);
    }

    /// <summary>Keeps a diagnosed connection's summary when it tells more than <paramref name="indexed"/>'s,
    /// and lets go of its rows.</summary>
    public void Retire(Connection connection, IndexedConnection indexed)
    {
        var summary = ConnectionSummary.Of(connection);
        if (summary != indexed.Summary())
            Retired[(summary.Client, summary.Server, summary.FirstFrame)] = summary;
        Tracker.Retire(connection);
    }
}
