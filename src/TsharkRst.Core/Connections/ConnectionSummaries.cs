using System.Collections;

namespace TsharkRst.Connections;

/// <summary>Every connection of an index as connections.csv and the patterns read it, made as it is read rather
/// than held (a capture of a million connections would hold a million summaries); those tshark dissected keep
/// the summary of their rows when it tells more (<see cref="AssembledConnection.Summary"/>).</summary>
public sealed class ConnectionSummaries(ConnectionIndex index, IReadOnlyDictionary<int, ConnectionSummary> dissected)
    : IReadOnlyList<ConnectionSummary>
{
    public int Count => index.Count;

    public ConnectionSummary this[int number] => dissected.TryGetValue(number, out var summary) ? summary : index[number].Summary();

    public IEnumerator<ConnectionSummary> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
