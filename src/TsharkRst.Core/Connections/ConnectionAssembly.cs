using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Puts tshark's rows together into the connections of one <see cref="ConnectionIndex"/>, which alone says
/// which packets make a connection: a row joins the connection its frame belongs to, and a connection is handed
/// over once its last frame is in, so only the connections under way hold rows. With the index of a triage
/// pass the rows join by frame number; without one the index is made from the rows as they come, and every
/// connection is handed over at the end.</summary>
public sealed class ConnectionAssembly
{
    private readonly FrameOwners? _owners;
    private readonly Dictionary<int, List<PacketRow>> _rows = [];
    private readonly List<int> _completed = [];

    private ConnectionAssembly(ConnectionIndex index, FrameOwners? owners) => (Index, _owners) = (index, owners);

    public ConnectionIndex Index { get; }

    /// <summary>Rows join the connections of <paramref name="index"/> by frame number; those whose first frame
    /// <paramref name="dissected"/> says tshark reads are awaited and handed over.</summary>
    public static ConnectionAssembly Joining(ConnectionIndex index, Func<long, bool> dissected) =>
        new(index, new FrameOwners(index, number => dissected(index.FirstFrameOf(number))));

    /// <summary>The index is made from the rows themselves.</summary>
    public static ConnectionAssembly Grouping() => new(new ConnectionIndex(), null);

    /// <summary>The connections of <paramref name="rows"/> (in frame order), each with its rows.</summary>
    public static IReadOnlyList<Connection> Group(IEnumerable<PacketRow> rows) => Assemble(rows).Connections;

    /// <summary>The connections of <paramref name="rows"/> (in frame order), each with its rows, and the index they make.</summary>
    public static (IReadOnlyList<Connection> Connections, ConnectionIndex Index) Assemble(IEnumerable<PacketRow> rows)
    {
        var assembly = Grouping();
        var connections = new List<Connection>();
        foreach (var row in rows)
            assembly.Add(row, c => connections.Add(c.Connection));
        assembly.Finish(c => connections.Add(c.Connection));
        return (connections, assembly.Index);
    }

    /// <summary>Adds a row (rows come in frame order); the connections it completes go to <paramref name="completed"/>.</summary>
    public void Add(PacketRow row, Action<AssembledConnection> completed)
    {
        var number = _owners is null ? Grouped(row) : _owners.Owner(row.Frame, _completed);
        // A frame the index holds that tshark does not read as TCP (an ICMP error quoting a header) is no packet of it.
        if (number >= 0 && row.IsTcp)
        {
            if (!_rows.TryGetValue(number, out var rows))
                _rows[number] = rows = [];
            rows.Add(row);
        }
        foreach (var done in _completed)
            completed(Complete(done));
        _completed.Clear();
    }

    /// <summary>Hands over the connections still awaited, in the index's order: tshark has no more rows.</summary>
    public void Finish(Action<AssembledConnection> completed)
    {
        foreach (var number in _owners?.Rest() ?? Enumerable.Range(0, Index.Count))
            completed(Complete(number));
        if (_owners is null)
            Index.Complete();
    }

    private int Grouped(PacketRow row)
    {
        if (!row.IsTcp)
            return -1;
        var source = new Endpoint(row.Source!, row.SourcePort!.Value);
        var destination = new Endpoint(row.Destination!, row.DestinationPort!.Value);
        return Index.Add(source, destination, row.Frame, CaptureClock.Nanoseconds(row.Time), row.Flags!.Value, row.PayloadLength);
    }

    private AssembledConnection Complete(int number)
    {
        var indexed = Index[number];
        var rows = _rows.Remove(number, out var kept) ? kept : [];
        var connection = new Connection(indexed, rows);
        ConnectionSummary? summary = null;
        if (rows.Count > 0 && ConnectionSummary.Of(connection) is var dissected && dissected != indexed.Summary())
            summary = dissected;
        return new AssembledConnection(number, connection, summary);
    }
}
