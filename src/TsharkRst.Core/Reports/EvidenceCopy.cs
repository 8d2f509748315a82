using TsharkRst.Capture;
using TsharkRst.Findings;

namespace TsharkRst.Reports;

/// <summary>evidence.pcapng copied from the original capture while tshark runs, rather than after it: each packet once
/// every connection that could still give it a comment is concluded (<see cref="EvidenceFrontier"/>), with the comments
/// decided as it goes (<see cref="EvidenceComments"/>), the rest once the findings are complete. It is kept only if its
/// comments are those of the findings kept; otherwise the caller writes the file as usual.</summary>
public sealed class EvidenceCopy : IDisposable
{
    private readonly object _gate = new();
    private readonly EvidencePlan _plan;
    private readonly EvidenceFrontier _frontier;
    private readonly EvidenceComments _comments;
    private readonly PendingFile _file;
    private readonly CaptureReader _reader;
    private readonly CancellationTokenSource _stop;
    private readonly Task _copying;
    private bool _complete;

    private EvidenceCopy(string path, EvidencePlan plan, CaptureReader reader, int limit, CancellationToken cancellationToken)
    {
        (_plan, _reader) = (plan, reader);
        _frontier = new EvidenceFrontier(plan.Index.Count, plan.Index.FirstFrameOf, plan.Awaited);
        _comments = new EvidenceComments(limit);
        _file = new PendingFile(path, UncachedFileStream.Worthwhile(plan.Path));
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // It waits on the conclusion for most of a run: a pool thread held that long starves the pool.
        _copying = Task.Factory.StartNew(() => EvidenceCapture.WriteTo(_file.Stream, reader, Released(plan.Frames), frame =>
        {
            lock (_gate)
                return new PacketNote(frame, _comments.At(frame));
        }, [], plan.ResumePoints, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts the copy into <paramref name="path"/>; null when the capture cannot be read for it.</summary>
    /// <param name="limit">how many findings are kept whole, their RSTs commented (--max-findings)</param>
    public static EvidenceCopy? Start(string path, EvidencePlan plan, int limit, CancellationToken cancellationToken) =>
        CaptureReader.Open(plan.Path) is { } reader ? new EvidenceCopy(path, plan, reader, limit, cancellationToken) : null;

    /// <summary>Connection <paramref name="number"/> is concluded, with its finding if it gave one.</summary>
    public void Concluded(int number, ResetFinding? finding)
    {
        lock (_gate)
        {
            if (finding is not null)
                _comments.Add(finding);
            _frontier.Conclude(number);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Copies what is left and keeps the file if its comments are those of <paramref name="kept"/>, the findings
    /// kept whole; false when they are not, and nothing was kept.</summary>
    public async Task<bool> CompleteAsync(IReadOnlyList<ResetFinding> kept)
    {
        lock (_gate)
        {
            _complete = true;
            Monitor.PulseAll(_gate);
        }
        await _copying.ConfigureAwait(false);
        var expected = kept.Where(f => _plan.Frames.Contains(f.RstFrame)).Select(f => (f.RstFrame, EvidenceCapture.Comment(f)));
        if (_comments.Broken || !expected.SequenceEqual(_comments.Given))
            return false;
        _file.Commit();
        return true;
    }

    /// <summary>Stops the copy; the file is deleted unless it was kept.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stop.Cancel();
            Monitor.PulseAll(_gate);
        }
        try
        {
            _copying.Wait();
        }
        catch (AggregateException)
        {
            // Stopped, or failed: the file is not kept either way.
        }
        try
        {
            _file.Dispose();
        }
        finally
        {
            _reader.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>The frames to copy, each once the frontier has passed it.</summary>
    private IEnumerable<long> Released(FrameSet frames)
    {
        foreach (var frame in frames)
        {
            lock (_gate)
            {
                while (!_complete && frame > _frontier.Safe)
                {
                    _stop.Token.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate);
                }
            }
            yield return frame;
        }
    }
}
