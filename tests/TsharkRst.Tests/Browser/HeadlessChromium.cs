using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace TsharkRst.Tests.Browser;

/// <summary>One headless Chromium driven over the DevTools protocol (a WebSocket on a port the
/// browser picks): commands by id, events handed to whoever listens for their session.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Safety net for a browser that hangs; no test asserts on time.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonObject>> _listeners = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile) => (_process, _profile) = (process, profile);

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("tsharkrst-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            // Its singleton socket folder (org.chromium.Chromium.*) goes here too: a killed browser never removes it.
            Environment = { ["TMPDIR"] = profile },
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                     "--mute-audio", "--hide-scrollbars", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var browser = new HeadlessChromium(process, profile);
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(CommandTimeout);
            var endpoint = await DevToolsEndpointAsync(process, timeout.Token);
            await browser._socket.ConnectAsync(endpoint, timeout.Token);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        browser._receiving = Task.Run(browser.ReceiveAsync);
        return browser;
    }

    /// <summary>Chromium prints "DevTools listening on ws://..." on stderr once it is ready; the rest
    /// of stderr is drained so the browser never blocks on a full pipe.</summary>
    private static async Task<Uri> DevToolsEndpointAsync(Process process, CancellationToken cancellationToken)
    {
        const string marker = "DevTools listening on ";
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(line[(at + marker.Length)..].Trim());
            }
            if (seen.Length < 4000)
                seen.AppendLine(line);
        }
        throw new InvalidOperationException("chromium exited without opening its DevTools port:\n" + seen);
    }

    /// <summary>Sends a command (to a page when <paramref name="sessionId"/> is given) and returns its result.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
            message["sessionId"] = sessionId;
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
        var response = await answer.Task.WaitAsync(CommandTimeout);
        if (response["error"] is JsonObject error)
            throw new InvalidOperationException($"DevTools {method} failed: {error.ToJsonString()}");
        return response["result"] as JsonObject ?? new JsonObject();
    }

    /// <summary>Routes the events of one page session to <paramref name="listener"/> (method, params).</summary>
    public void Listen(string sessionId, Action<string, JsonObject> listener) => _listeners[sessionId] = listener;

    public void StopListening(string sessionId) => _listeners.TryRemove(sessionId, out _);

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                Dispatch(json);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser went away or we are closing; pending commands fail below.
        }
        foreach (var pending in _pending.Values)
            pending.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
    }

    private void Dispatch(JsonObject json)
    {
        if (json["id"] is { } id)
        {
            if (_pending.TryRemove((int)id, out var answer))
                answer.TrySetResult(json);
            return;
        }
        if (json["sessionId"] is { } session && _listeners.TryGetValue((string)session!, out var listener))
            listener((string)json["method"]!, json["params"] as JsonObject ?? new JsonObject());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone, or a child lingers; nothing more a test can do.
        }
        try
        {
            await _receiving;
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // The profile folder is in /tmp; a file still held open there is harmless.
        }
    }
}
