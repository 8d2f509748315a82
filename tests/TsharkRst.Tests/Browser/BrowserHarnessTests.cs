namespace TsharkRst.Tests.Browser;

/// <summary>The browser checks can fail: a page that logs an error, breaks its CSP, asks for a
/// file and opens an alert is caught on each count. Nothing here leaves the machine: the
/// blocked image is refused by the CSP before any connection, the other is a missing local file.</summary>
public class BrowserHarnessTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    [ChromiumFact]
    public async Task A_page_that_misbehaves_is_caught_on_every_count()
    {
        using var temporary = new TemporaryFolder("tsharkrst-harness-");
        var folder = temporary.FullName;
        var strict = Path.Combine(folder, "strict.html");
        await File.WriteAllTextAsync(strict, """
            <!DOCTYPE html><html><head>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">
            </head><body><img src="http://192.0.2.1/blocked.png">
            <script>console.error('boom'); alert('hi');</script></body></html>
            """);
        var open = Path.Combine(folder, "open.html");
        await File.WriteAllTextAsync(open, """<!DOCTYPE html><html><body><img src="missing.png"></body></html>""");

        await using (var page = await chromium.OpenAsync(strict))
        {
            Assert.Contains(page.Problems, p => p.StartsWith("CSP violation: img-src blocked http://192.0.2.1/blocked.png", StringComparison.Ordinal));
            Assert.Contains(page.Problems, p => p == "console.error: boom");
            Assert.Equal(["alert(hi)"], page.Dialogs);
        }
        await using (var page = await chromium.OpenAsync(open))
        {
            Assert.Equal([new Uri(Path.Combine(folder, "missing.png")).AbsoluteUri], page.Requests);
            Assert.Contains(page.Problems, p => p.StartsWith("loading failed:", StringComparison.Ordinal));
        }
    }
}
