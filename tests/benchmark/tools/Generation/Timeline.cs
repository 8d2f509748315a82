namespace TsharkRst.Benchmark.Generation;

/// <summary>Interleaves connection scripts into one stream in time order, as a capture shows
/// concurrent connections. Scripts must start in time order; only the running ones are held, so
/// memory stays constant however many connections a capture has.</summary>
internal static class Timeline
{
    public static IEnumerable<Segment> Merge(IEnumerable<IEnumerable<Segment>> scripts)
    {
        var running = new PriorityQueue<IEnumerator<Segment>, long>();
        using var pending = scripts.GetEnumerator();
        var next = Begin(pending);
        while (true)
        {
            // A script joins once nothing running has a packet before its first one.
            if (next is not null && (running.Count == 0 || next.Current.Nanoseconds <= running.Peek().Current.Nanoseconds))
            {
                running.Enqueue(next, next.Current.Nanoseconds);
                next = Begin(pending);
                continue;
            }
            if (running.Count == 0)
                yield break;
            var script = running.Dequeue();
            yield return script.Current;
            if (script.MoveNext())
                running.Enqueue(script, script.Current.Nanoseconds);
            else
                script.Dispose();
        }
    }

    /// <summary>The next script that has a packet, positioned on it; null when none is left.</summary>
    private static IEnumerator<Segment>? Begin(IEnumerator<IEnumerable<Segment>> pending)
    {
        while (pending.MoveNext())
        {
            var script = pending.Current.GetEnumerator();
            if (script.MoveNext())
                return script;
            script.Dispose();
        }
        return null;
    }
}
