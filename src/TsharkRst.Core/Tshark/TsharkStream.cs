using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Rows;

namespace TsharkRst.Tshark;

/// <summary>One tshark kept running over its standard input, through which the focused captures of several captures
/// pass one after another, each a pcapng section of its own: tshark's start-up is paid once, not once per capture.
/// It reads one capture at a time, and hands that capture's rows back numbered as a tshark of its own would number
/// them (frames from 1, tcp.stream from 0). tshark's state is keyed on conversations, so a capture whose
/// conversations it has seen before, or that cannot share (<see cref="SectionConversations"/>), is not taken once
/// the stream has been used; nor is anything past the stream's bound, since tshark's memory grows with it.</summary>
internal sealed class TsharkStream : IAsyncDisposable
{
    /// <summary>Frames one tshark reads before it is replaced: its per-frame state stays well under 100 MB.</summary>
    internal const long MaxFrames = 500_000;

    /// <summary>How long tshark has to exit by itself once its input ends.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);

    private readonly Channel<string> _sections = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ConversationKey> _conversations = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<ProcessResult> _process;
    private readonly ProcessCommand _command;
    private Lease? _lease;
    private volatile int _processId;
    private long _frames;
    private long _tcpStreams;
    private bool _sealed;

    private TsharkStream(TsharkProgram tshark, TsharkFields fields)
    {
        _command = TsharkDissection.Command(tshark, TsharkDissection.StandardInput, fields, timeout: null, flushEachPacket: true) with
        {
            StandardInput = FeedAsync,
        };
        // All of it off the caller's thread: the first tshark is started before the captures are even found.
        _process = Task.Run(() => Run(tshark, fields), CancellationToken.None);
    }

    private Task<ProcessResult> Run(TsharkProgram tshark, TsharkFields fields)
    {
        var dialecting = tshark.GetDialectAsync(fields, _stop.Token);
        return ProcessRunner.RunAsync(_command, (stdout, token) => BufferedOutput.ParseAsync(stdout, (parsed, ct) =>
        {
            // Frames are the capture's own from here on: the reader renumbers them through the capture being read.
            var reader = new PacketRowReader(parsed, dialecting.GetAwaiter().GetResult().EscapesBackslash,
                frame => Volatile.Read(ref _lease)!.Original(frame));
            // Each capture keeps its own first errors, so the reader's cap is not used.
            foreach (var record in reader.ReadAll(error => Volatile.Read(ref _lease)?.Unparsed(error), ct))
                Volatile.Read(ref _lease)?.Take(record, reader.Columns);
        }, token), _stop.Token, TsharkProgram.InstallHint, started: id => _processId = id);
    }

    /// <summary>Starts tshark now, so its start-up passes while the first capture is still being read.</summary>
    public static TsharkStream Start(TsharkProgram tshark, TsharkFields fields) => new(tshark, fields);

    /// <summary>tshark has not stopped.</summary>
    public bool Running => !_process.IsCompleted;

    /// <summary>Frames this tshark has read.</summary>
    public long Frames => _frames;

    /// <summary>Whether this stream can read <paramref name="section"/> as a tshark of its own would.</summary>
    public bool Takes(SectionConversations section) =>
        Running && (_frames == 0 || (!_sealed && section.Shareable && _frames + section.Frames <= MaxFrames &&
                                     !section.Keys.Overlaps(_conversations)));

    /// <summary>Whether the stream may take another capture after the last.</summary>
    public bool Reusable => Running && !_sealed && _frames < MaxFrames;

    /// <summary>Reads the focused capture at <paramref name="path"/>; each row goes to <paramref name="onRow"/> with the
    /// original frame number <paramref name="originalFrame"/> gives. Null when tshark stopped before the last row, or
    /// numbered one of the capture's connections as one it had seen (the rows handed over are then not the capture's
    /// own tshark's: <see cref="Running"/> tells the two apart).</summary>
    public async Task<TsharkRunResult?> ReadAsync(string path, SectionConversations section, Func<long, long> originalFrame,
        Action<PacketRecord> onRow, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (section.Frames == 0)
            throw new ArgumentException("a section without frames gives no row to end on", nameof(section));
        var clock = Stopwatch.StartNew();
        var errors = new List<string>();
        var lease = new Lease(_frames, _tcpStreams, section.Frames, originalFrame, onRow, new UnparsedRows(errors));
        Volatile.Write(ref _lease, lease);
        _frames += section.Frames;
        _sealed |= !section.Shareable;
        _conversations.UnionWith(section.Keys);
        await _sections.Writer.WriteAsync(path, cancellationToken).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } span)
            limit.CancelAfter(span);
        try
        {
            await Task.WhenAny(lease.Done, _process).WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // A capture given up on leaves its rows in tshark's way: this tshark goes, at once.
            await _stop.CancelAsync().ConfigureAwait(false);
            await DisposeAsync().ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new ProcessTimeoutException(_command, timeout!.Value);
        }
        if (!lease.Done.IsCompleted)
        {
            if (_process.Exception?.InnerException is ProgramNotFoundException missing)
                throw missing;
            return null;
        }
        await lease.Done.ConfigureAwait(false); // a row handler that threw, thrown here
        _tcpStreams = Math.Max(_tcpStreams, lease.TcpStreamsAfter);
        if (lease.Joined)
        {
            // tshark put one of its connections with one it had seen: what the check of conversations missed (a tunnel's
            // inner connection, a data channel another protocol announced). It is read again alone; this tshark is done.
            _sealed = true;
            return null;
        }
        return new TsharkRunResult(_command, new ProcessResult(0, "", clock.Elapsed), lease.Rows, errors);
    }

    /// <summary>How tshark's stream ended, once it has (for a capture that could not be read through it).</summary>
    public async Task<string> EndingAsync()
    {
        try
        {
            var result = await _process.ConfigureAwait(false);
            return new TsharkRunResult(_command, result, _lease?.Rows ?? 0, []).Error ?? "tshark stopped";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex.Message;
        }
    }

    /// <summary>A tshark that is not in the middle of a capture is killed at once, alone (not its process tree, which
    /// costs a walk over every process): one that has handed over every row has nothing left to say, and its clean-up
    /// after the end of its input (about 20 ms of CPU) would run beside the last capture's reports and hold the run's
    /// exit; one never given a capture may still be starting. Otherwise its input is ended, so it exits by itself once
    /// it has read it, and it is killed if it has not soon after. A tshark never given a capture is not waited for.</summary>
    public async ValueTask DisposeAsync()
    {
        // Killed before its input ends, so it never starts the clean-up.
        if (_lease is null or { Done.IsCompleted: true })
            KillAlone();
        _sections.Writer.TryComplete();
        if (_frames == 0 && !_stop.IsCancellationRequested)
            return;
        try
        {
            await _process.WaitAsync(ExitGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Failed: nothing more is read from it.
        }
        try
        {
            await _process.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Stopped on purpose, or failed: either way nothing more is read from it.
        }
    }

    private void KillAlone()
    {
        try
        {
            // A process that has been waited for may have given its ID to another.
            if (_processId == 0 || _process.IsCompleted)
                return;
            using var tshark = Process.GetProcessById(_processId);
            tshark.Kill(entireProcessTree: false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    private async Task FeedAsync(Stream stdin, CancellationToken cancellationToken)
    {
        await foreach (var path in _sections.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
                await file.CopyToAsync(stdin, cancellationToken).ConfigureAwait(false);
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The capture being read: its frames in tshark's numbering, and where its rows go. tshark writes one
    /// row per frame, so the capture is done when as many rows came, parsed or not.</summary>
    private sealed class Lease(long framesBefore, long tcpStreamsBefore, long frames, Func<long, long> originalFrame, Action<PacketRecord> onRow,
        UnparsedRows unparsed)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _seen;
        private long _lastStream = -1;
        private Exception? _failure;

        public Task Done => _done.Task;

        public int Rows { get; private set; }

        /// <summary>A row's tcp.stream was one tshark numbered before this capture.</summary>
        public bool Joined { get; private set; }

        /// <summary>The TCP streams tshark has numbered once this capture is read (none of its own: as many as before).</summary>
        public long TcpStreamsAfter => Math.Max(tcpStreamsBefore, _lastStream + 1);

        public void Take(PacketRecord record, IReadOnlyList<string> columns)
        {
            Rows++;
            if (_failure is null)
            {
                try
                {
                    onRow(Renumbered(record, columns));
                }
                catch (Exception ex)
                {
                    // The rest of its rows are still read past, so the next capture's rows are its own.
                    _failure = ex;
                }
            }
            Seen();
        }

        public void Unparsed(string error)
        {
            unparsed.Add(error);
            Seen();
        }

        private void Seen()
        {
            if (++_seen < frames)
                return;
            unparsed.Complete();
            if (_failure is null)
                _done.TrySetResult();
            else
                _done.TrySetException(_failure);
        }

        /// <summary>The original frame of tshark's frame <paramref name="frame"/>, which is this capture's.</summary>
        public long Original(long frame) => originalFrame(frame - framesBefore);

        /// <summary>tcp.stream counted from this capture's first connection, as a tshark of its own counts it: tshark
        /// numbers connections as it first sees them, so this capture's follow the streams before in the same order.</summary>
        private PacketRecord Renumbered(PacketRecord record, IReadOnlyList<string> columns)
        {
            if (record.Row.TcpStream is not { } stream)
                return record;
            Joined |= stream < tcpStreamsBefore;
            _lastStream = Math.Max(_lastStream, stream);
            var row = record.Row with { TcpStream = stream - tcpStreamsBefore };
            var values = record.Values.ToArray();
            for (var i = 0; i < columns.Count; i++)
                if (columns[i] == "tcp.stream")
                    values[i] = row.TcpStream.Value.ToString(CultureInfo.InvariantCulture);
            return new PacketRecord(row, values);
        }
    }
}
