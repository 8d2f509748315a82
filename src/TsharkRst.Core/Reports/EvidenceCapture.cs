using TsharkRst.Capture;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>evidence.pcapng: the packets of the reset connections and the DNS around them, copied with
/// their timestamps and link types; each first RST carries a comment with its verdict and summary, and
/// every packet its original frame number as its packet id (frame.packet_id in Wireshark).</summary>
public static class EvidenceCapture
{
    public const string FileName = "evidence.pcapng";

    /// <summary>Writes <paramref name="path"/> from the rising <paramref name="frames"/> of
    /// <paramref name="source"/>; null when done, else why the file could not be written.</summary>
    /// <param name="originalFrame">The original capture's number of a frame of <paramref name="source"/>.</param>
    public static string? Write(string path, string source, IReadOnlyList<long> frames, Func<long, long> originalFrame,
        IReadOnlyList<ResetFinding> findings, CancellationToken cancellationToken = default)
    {
        var comments = findings.ToDictionary(f => f.RstFrame, Comment);
        using var reader = frames.Count > 0 ? CaptureReader.Open(source) : null;
        if (frames.Count > 0 && reader is null)
            return $"{FileName} was not written: the capture is not pcap or pcapng, the formats it is copied from.";
        AtomicFile.Write(path, stream =>
        {
            var writer = new PcapngWriter(stream);
            if (reader is not null)
                CaptureExtract.Copy(reader, frames, writer, frame =>
                {
                    var original = originalFrame(frame);
                    return new PacketNote(original, comments.GetValueOrDefault(original));
                }, cancellationToken);
        });
        return null;
    }

    /// <summary>"tsharkrst: firewall-reject (sent by server, origin middlebox): A firewall on the path …"</summary>
    public static string Comment(ResetFinding finding) =>
        $"tsharkrst: {Vocabulary.Name(finding.Verdict)} (sent by {Vocabulary.Name(finding.SentBy)}, " +
        $"origin {Vocabulary.Name(finding.Origin)}): {finding.Summary}";
}
