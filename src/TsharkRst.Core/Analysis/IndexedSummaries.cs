using System.Collections;
using TsharkRst.Capture;
using TsharkRst.Connections;

namespace TsharkRst.Analysis;

/// <summary>Every connection of the triage index as connections.csv and the patterns read it, made as it
/// is read rather than held: a capture of a million connections would hold a million summaries. Those
/// tshark dissected keep tshark's fuller history.</summary>
internal sealed class IndexedSummaries(
    IReadOnlyList<IndexedConnection> connections,
    IReadOnlyDictionary<(Endpoint Client, Endpoint Server, long FirstFrame), ConnectionSummary> dissected)
    : IReadOnlyList<ConnectionSummary>
{
    public int Count => connections.Count;

    public ConnectionSummary this[int index]
    {
        get
        {
            var summary = connections[index].Summary();
            return dissected.GetValueOrDefault((summary.Client, summary.Server, summary.FirstFrame), summary);
        }
    }

    public IEnumerator<ConnectionSummary> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
