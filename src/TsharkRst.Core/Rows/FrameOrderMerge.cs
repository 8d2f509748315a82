using System.Collections.Concurrent;
using System.Globalization;

namespace TsharkRst.Rows;

/// <summary>The rows of several tsharks, each over its own group of whole connections, merged back into what one
/// tshark over all of them prints: rows by original frame number, and tcp.stream numbered in the order each stream
/// first appears. Each tshark's parsed rows wait in a lane of their own, a bounded few (the text behind them waits
/// in that tshark's output buffer), while the merge takes the lowest frame at the head of the lanes.</summary>
public sealed class FrameOrderMerge : IDisposable
{
    private readonly BlockingCollection<PacketRecord>[] _lanes;
    private readonly CancellationTokenSource _failed = new();
    private readonly int _streamColumn;
    // Per lane, the merged number of each of its tshark's streams (-1 until seen): tshark numbers them 0, 1, 2, …
    private readonly List<int>[] _streams;
    private int _nextStream;

    // Parsed rows that wait outlive the young collections and are copied into the older generations: with 1,024 a
    // lane, the worst case spent 0.9–1.6 s in the collector, with 64 0.35–0.5 s (the text behind them costs nothing).
    private const int DefaultLaneRows = 64;

    /// <param name="columns">The columns of the rows' values, to find tcp.stream among them.</param>
    /// <param name="laneRows">Parsed rows a lane holds before its tshark's reader waits.</param>
    public FrameOrderMerge(int lanes, IReadOnlyList<string> columns, int laneRows = DefaultLaneRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _lanes = Enumerable.Range(0, lanes).Select(_ => new BlockingCollection<PacketRecord>(laneRows)).ToArray();
        _streams = Enumerable.Range(0, lanes).Select(_ => new List<int>()).ToArray();
        _streamColumn = columns.ToList().IndexOf("tcp.stream");
    }

    public int Lanes => _lanes.Length;

    /// <summary>Adds the next row of lane <paramref name="lane"/> (rising frames), the merge's from then on (its values
    /// may be renumbered in place); waits while the lane is full, and throws <see cref="OperationCanceledException"/>
    /// once the merge has failed, so no tshark waits on it.</summary>
    public void Add(int lane, PacketRecord record) => _lanes[lane].Add(record, _failed.Token);

    /// <summary>Lane <paramref name="lane"/> has no more rows (its tshark is done, or failed).</summary>
    public void Complete(int lane) => _lanes[lane].CompleteAdding();

    /// <summary>Hands every row to <paramref name="onRow"/> in frame order, on the caller's thread, until every lane
    /// is complete and empty.</summary>
    public void Run(Action<PacketRecord> onRow, CancellationToken cancellationToken)
    {
        try
        {
            var heads = new PacketRecord?[_lanes.Length];
            for (var i = 0; i < heads.Length; i++)
                heads[i] = Next(i, cancellationToken);
            while (true)
            {
                var lane = -1;
                for (var i = 0; i < heads.Length; i++)
                    if (heads[i] is { } head && (lane < 0 || head.Row.Frame < heads[lane]!.Row.Frame))
                        lane = i;
                if (lane < 0)
                    return;
                onRow(Renumbered(lane, heads[lane]!));
                heads[lane] = Next(lane, cancellationToken);
            }
        }
        catch (Exception)
        {
            _failed.Cancel();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lane in _lanes)
            lane.Dispose();
        _failed.Dispose();
    }

    private PacketRecord? Next(int lane, CancellationToken cancellationToken) =>
        _lanes[lane].TryTake(out var record, Timeout.Infinite, cancellationToken) ? record : null;

    private PacketRecord Renumbered(int lane, PacketRecord record)
    {
        if (record.Row.TcpStream is not { } stream)
            return record;
        var merged = Merged(lane, stream);
        // A row added is the merge's own, so it is renumbered in place, and so is an array of values.
        record.Row.TcpStream = merged;
        if (_streamColumn < 0)
            return record;
        var text = record.Values[_streamColumn];
        var several = text.Contains(FieldText.OccurrenceSeparator);
        if (merged == stream && !several)
            return record;
        var values = record.Values as string[] ?? record.Values.ToArray();
        // Several occurrences only where tshark also reads a quoted header (an ICMP error): each is renumbered.
        values[_streamColumn] = several ? EachRenumbered(lane, text) : merged.ToString(CultureInfo.InvariantCulture);
        return ReferenceEquals(values, record.Values) ? record : new PacketRecord(record.Row, values);
    }

    // A method of its own: the lambda's captured lane was allocated on every row, renumbered or not.
    private string EachRenumbered(int lane, string occurrences) =>
        string.Join(FieldText.OccurrenceSeparator, occurrences.Split(FieldText.OccurrenceSeparator).Select(occurrence =>
            long.TryParse(occurrence, CultureInfo.InvariantCulture, out var number) ? Merged(lane, number).ToString(CultureInfo.InvariantCulture) : occurrence));

    private int Merged(int lane, long stream)
    {
        var streams = _streams[lane];
        while (streams.Count <= stream)
            streams.Add(-1);
        if (streams[(int)stream] < 0)
            streams[(int)stream] = _nextStream++;
        return streams[(int)stream];
    }
}
