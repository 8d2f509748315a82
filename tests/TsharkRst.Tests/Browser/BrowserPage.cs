using System.Text.Json.Nodes;

namespace TsharkRst.Tests.Browser;

/// <summary>A report opened in its own tab of <see cref="HeadlessChromium"/>, with everything the
/// page did recorded: console errors and warnings, uncaught exceptions, browser log errors (a
/// blocked resource, a Content-Security-Policy violation), every network request, and every
/// alert/confirm/prompt a script tried to open.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    public const int ViewportWidth = 1200;

    /// <summary>Runs before any script of the page: dialogs are recorded instead of shown, and CSP
    /// violations are recorded as the page sees them.</summary>
    private const string Probe = """
        window.__probe = { dialogs: [], csp: [] };
        ['alert', 'confirm', 'prompt'].forEach(function (name) {
          window[name] = function (message) { window.__probe.dialogs.push(name + '(' + message + ')'); };
        });
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__probe.csp.push(e.violatedDirective + ' blocked ' + e.blockedURI);
        });
        """;

    private readonly HeadlessChromium _browser;
    private readonly string _targetId;
    private readonly string _sessionId;
    private readonly Lock _gate = new();
    private readonly List<string> _problems = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _dialogs = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _url = "";

    private BrowserPage(HeadlessChromium browser, string targetId, string sessionId) =>
        (_browser, _targetId, _sessionId) = (browser, targetId, sessionId);

    /// <summary>Console errors and warnings, exceptions, browser log errors and CSP violations, in order.</summary>
    public IReadOnlyList<string> Problems { get { lock (_gate) return _problems.ToList(); } }

    /// <summary>Every URL the page asked for, other than the report itself.</summary>
    public IReadOnlyList<string> Requests { get { lock (_gate) return _requests.ToList(); } }

    /// <summary>Dialogs a script opened (or tried to, through the probe).</summary>
    public IReadOnlyList<string> Dialogs { get { lock (_gate) return _dialogs.ToList(); } }

    /// <summary>Opens <paramref name="file"/> with prefers-color-scheme <paramref name="colorScheme"/>
    /// (as printed when <paramref name="media"/> is <c>print</c>) and returns once its load event has
    /// fired and pending tasks have run.</summary>
    public static async Task<BrowserPage> OpenAsync(HeadlessChromium browser, string file, string colorScheme = "light", string media = "screen")
    {
        var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var targetId = (string)target["targetId"]!;
        var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true });
        var page = new BrowserPage(browser, targetId, (string)attached["sessionId"]!);
        browser.Listen(page._sessionId, page.OnEvent);
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Network.enable", "Page.enable" })
            await page.SendAsync(domain);
        await page.SendAsync("Emulation.setEmulatedMedia", new JsonObject
        {
            ["media"] = media,
            ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = colorScheme }),
        });
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = ViewportWidth,
            ["height"] = 900,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        });
        await page.SendAsync("Page.addScriptToEvaluateOnNewDocument", new JsonObject { ["source"] = Probe });
        page._url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        var navigation = await page.SendAsync("Page.navigate", new JsonObject { ["url"] = page._url });
        if (navigation["errorText"] is { } error)
            throw new InvalidOperationException($"{file} did not load: {error}");
        await page._loaded.Task.WaitAsync(HeadlessChromium.CommandTimeout);
        // Let tasks queued during load (CSP violation events among them) run before anyone looks.
        await page.EvaluateAsync("new Promise(function (done) { requestAnimationFrame(function () { setTimeout(done, 0); }); })");
        foreach (var violation in (await page.EvaluateAsync("window.__probe.csp"))?.AsArray() ?? [])
            page.Record(page._problems, "CSP violation: " + violation);
        foreach (var dialog in (await page.EvaluateAsync("window.__probe.dialogs"))?.AsArray() ?? [])
            page.Record(page._dialogs, (string)dialog!);
        return page;
    }

    /// <summary>The value of a JavaScript expression (promises awaited), as JSON; with
    /// <paramref name="userGesture"/>, run as if the user had just clicked (clipboard access needs it).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, bool userGesture = false)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
            ["userGesture"] = userGesture,
        });
        if (result["exceptionDetails"] is JsonObject exception)
            throw new InvalidOperationException($"{expression} threw: {exception.ToJsonString()}");
        return result["result"]?["value"]?.DeepClone();
    }

    public async Task<string> TextAsync(string expression, bool userGesture = false) =>
        (string?)await EvaluateAsync(expression, userGesture) ?? "";

    /// <summary>Writes a PNG of the whole page, not only the viewport.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        var size = metrics["cssContentSize"] ?? metrics["contentSize"]!;
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject
            {
                ["x"] = 0,
                ["y"] = 0,
                ["scale"] = 1,
                ["width"] = Math.Ceiling((double)size["width"]!),
                ["height"] = Math.Ceiling((double)size["height"]!),
            },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)shot["data"]!));
    }

    private Task<JsonObject> SendAsync(string method, JsonObject? parameters = null) =>
        _browser.SendAsync(method, parameters, _sessionId);

    private void OnEvent(string method, JsonObject p)
    {
        var level = p["entry"]?["level"]?.ToString();
        var consoleType = p["type"]?.ToString();
        var requested = p["request"]?["url"]?.ToString();
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when consoleType is "error" or "assert" or "warning":
                var args = p["args"]!.AsArray().Select(a => (a?["value"] ?? a?["description"])?.ToString());
                Record(_problems, $"console.{consoleType}: " + string.Join(" ", args));
                break;
            case "Runtime.exceptionThrown":
                Record(_problems, "exception: " + (p["exceptionDetails"]?["exception"]?["description"] ?? p["exceptionDetails"]?["text"]));
                break;
            case "Log.entryAdded" when level is "error" or "warning":
                var entry = p["entry"]!;
                Record(_problems, $"log {level} ({entry["source"]}): {entry["text"]} {entry["url"]}");
                break;
            case "Network.requestWillBeSent" when requested is not null && requested != _url:
                Record(_requests, requested);
                break;
            case "Network.loadingFailed":
                Record(_problems, $"loading failed: {p["errorText"]} {p["blockedReason"]}");
                break;
            case "Page.javascriptDialogOpening":
                Record(_dialogs, $"{p["type"]}({p["message"]})");
                _ = SendAsync("Page.handleJavaScriptDialog", new JsonObject { ["accept"] = false });
                break;
        }
    }

    private void Record(List<string> list, string entry)
    {
        lock (_gate)
            list.Add(entry);
    }

    public async ValueTask DisposeAsync()
    {
        _browser.StopListening(_sessionId);
        await _browser.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = _targetId });
    }
}
