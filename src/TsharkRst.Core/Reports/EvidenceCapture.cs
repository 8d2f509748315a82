using TsharkRst.Capture;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>evidence.pcapng: the packets of the reset connections and the DNS around them, copied with
/// their timestamps and link types; each first RST carries a comment with its verdict and summary, and
/// every packet its original frame number as its packet id (frame.packet_id in Wireshark).</summary>
public static class EvidenceCapture
{
    public const string FileName = "evidence.pcapng";

    /// <summary>Why evidence.pcapng cannot be copied from <paramref name="source"/>, or null when it can.</summary>
    public static string? Problem(EvidenceSource source)
    {
        if (source.Frames.Count == 0)
            return null;
        using var reader = CaptureReader.Open(source.Path);
        return reader is null ? $"{FileName} was not written: the capture is not pcap or pcapng, the formats it is copied from." : null;
    }

    /// <summary>Writes <paramref name="path"/> from <paramref name="source"/> (see <see cref="Problem"/> first).</summary>
    /// <param name="secrets">TLS secrets to keep in the file (--keep-secrets); none by default, since the file goes into tickets.</param>
    public static void Write(string path, EvidenceSource source, IReadOnlyList<ResetFinding> findings, IReadOnlyList<DecryptionSecrets> secrets,
        CancellationToken cancellationToken = default)
    {
        var comments = findings.ToDictionary(f => f.RstFrame, Comment);
        using var reader = source.Frames.Count > 0
            ? CaptureReader.Open(source.Path) ?? throw new TsharkRstException($"{source.Path} is not pcap or pcapng.")
            : null;
        AtomicFile.Write(path, stream => WriteTo(stream, reader, source.Frames, frame =>
        {
            var original = source.OriginalFrame(frame);
            return new PacketNote(original, comments.GetValueOrDefault(original));
        }, secrets, [], cancellationToken), UncachedFileStream.Worthwhile(source.Path));
    }

    /// <summary>The file's blocks: the secrets, then each of <paramref name="frames"/> (rising) of <paramref name="reader"/>.</summary>
    internal static void WriteTo(Stream stream, CaptureReader? reader, IEnumerable<long> frames, Func<long, PacketNote> note,
        IReadOnlyList<DecryptionSecrets> secrets, IReadOnlyList<ResumePoint> resumePoints, CancellationToken cancellationToken)
    {
        var writer = new PcapngWriter(stream);
        foreach (var secret in secrets)
            writer.WriteSecrets(secret);
        if (reader is not null)
            CaptureExtract.Copy(reader, frames, writer, note, cancellationToken, resumePoints);
    }

    /// <summary>"tsharkrst: firewall-reject (sent by server, origin middlebox): A firewall on the path …"</summary>
    public static string Comment(ResetFinding finding) =>
        $"tsharkrst: {Vocabulary.Name(finding.Verdict)} (sent by {Vocabulary.Name(finding.SentBy)}, " +
        $"origin {Vocabulary.Name(finding.Origin)}): {finding.Summary}";
}
