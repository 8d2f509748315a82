namespace TsharkRst.Tests.Browser;

/// <summary>One browser shared by the tests of a class (each test opens its own tab); started on
/// first use, so a skipped class never launches it.</summary>
public sealed class ChromiumSession : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HeadlessChromium? _browser;

    public async Task<HeadlessChromium> BrowserAsync()
    {
        if (Chromium.Path is null)
            throw new InvalidOperationException(Chromium.MissingMessage);
        await _gate.WaitAsync();
        try
        {
            return _browser ??= await HeadlessChromium.StartAsync(Chromium.Path);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BrowserPage> OpenAsync(string file, string colorScheme = "light", string media = "screen") =>
        await BrowserPage.OpenAsync(await BrowserAsync(), file, colorScheme, media);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _gate.Dispose();
    }
}
