using TsharkRst.Connections;

namespace TsharkRst.Analysis;

/// <summary>A connection as a dissection hands it to the conclusion, once all its rows are in: its number in the
/// capture's <see cref="ConnectionIndex"/>, its rows, its summary from them when that tells more than the index's,
/// and the names DNS answers had given its server by then.</summary>
internal sealed record DissectedConnection(
    int Number,
    Connection Connection,
    ConnectionSummary? Summary,
    IReadOnlyList<(string Name, long Frame)> ServerNames);
