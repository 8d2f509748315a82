using TsharkRst.Connections;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>What a dissection knows once tshark is done: the capture's packets and times, every connection's
/// identity, where evidence.pcapng copies from, what went wrong along the way; or why the capture could not be
/// analysed at all. The hash of a big capture may still be under way: the reports are rendered meanwhile.</summary>
internal sealed record DissectionEnd(
    Task<string> Hashing,
    long Packets,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    ConnectionIndex Index,
    EvidenceSource Evidence,
    IReadOnlyList<string> Errors)
{
    public string? Failure { get; init; }

    public static DissectionEnd Failed(string reason) =>
        new(Task.FromResult(""), 0, null, null, new ConnectionIndex(), new EvidenceSource("", [], frame => frame), []) { Failure = reason };
}
