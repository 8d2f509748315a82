using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>The one conclusion of every way of dissecting: each reset connection diagnosed as it is handed over
/// (with what a paired capture proves, when there is one) and its rows let go, then the patterns, the document and
/// the output files. The tshark version is awaited only now, so asking for it overlaps the first capture.</summary>
internal sealed class Conclusion(AnalysisSettings settings, Task<string> tsharkVersion)
{
    /// <param name="notes">errors to add to the dissection's (about the pairing)</param>
    public async Task<CaptureResult> ConcludeAsync(DissectedCapture capture, string outputFolder, CapturePairing? pairing,
        IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var input = capture.Input;
        var profiles = await capture.Profiles.ConfigureAwait(false);
        using var evidence = CaptureFiles.CopiesEvidenceEarly(settings) && capture.Evidence is { } plan
            ? EvidenceCopy.Start(Path.Combine(outputFolder, EvidenceCapture.FileName), plan, settings.MaxFindings, cancellationToken)
            : null;
        var kept = new KeptFindings(settings.MaxFindings);
        var dissected = new Dictionary<int, ConnectionSummary>();
        var undiagnosed = new List<string>();
        await foreach (var c in capture.Connections(cancellationToken).ConfigureAwait(false))
        {
            if (c.Summary is { } summary)
                dissected[c.Number] = summary;
            if (!c.Connection.HasReset)
            {
                evidence?.Concluded(c.Number, null);
                continue;
            }
            // Its rows are complete, the address profiles too, and the names it is given are those answered before its RST.
            var finding = ResetSnapshot.Take(c.Connection) is { } s
                ? ResetDiagnosis.Diagnose(s, settings.Diagnosis, profiles, c.ServerNames, pairing is null ? null : PairedReset.Of(s, pairing))
                : null;
            if (finding is null)
                undiagnosed.Add(Undiagnosed(c.Connection));
            kept.Add(finding);
            evidence?.Concluded(c.Number, finding);
        }
        var end = await capture.End.ConfigureAwait(false);
        if (end.Failure is { } failure)
            return CaptureResult.Failed(input, failure);

        var (findings, aggregated) = kept.Complete();
        List<string> errors = [.. end.Errors, .. undiagnosed, .. notes];
        var info = new CaptureInfo(input.Path, Path.GetFileName(input.Path), null, end.Packets, end.First, end.Last,
            await tsharkVersion.ConfigureAwait(false));
        var files = new CaptureFiles(settings, outputFolder);
        var evidenceWriting = files.StartEvidence(end.Evidence, findings, errors, evidence, cancellationToken);
        var connections = new ConnectionSummaries(end.Index, dissected);
        var document = new FindingsDocument(info, findings, PatternRules.Find(connections, findings, profiles), errors)
        {
            Connections = connections,
            Pair = pairing?.Summary(),
            Aggregated = aggregated,
        };
        var (written, unreadable) = await files.WriteAsync(document, evidenceWriting, end.Hashing).ConfigureAwait(false);
        return written is null ? CaptureResult.Failed(input, unreadable!) : new CaptureResult(input, written, outputFolder, null);
    }

    /// <summary>The index holds a RST that tshark's rows of the connection do not: it is said, not skipped.</summary>
    private static string Undiagnosed(Connection c) =>
        $"The connection between {c.Client} and {c.Server} carries a RST in the first pass over the capture, but tshark " +
        $"did not read it as TCP ({c.Packets.Count} of its packets were): it is not diagnosed.";
}
