namespace TsharkRst.Tests.Browser;

/// <summary>Where headless Chromium is (Debian's <c>chromium</c> package), and whether a test
/// that needs it may skip: only outside CI, and loudly.</summary>
internal static class Chromium
{
    /// <summary>$TSHARKRST_CHROMIUM, else chromium or chromium-browser on PATH; null when there is no such file.</summary>
    public static string? Path { get; } = Find();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingMessage =
        "CHROMIUM IS NOT INSTALLED: the browser tests of report.html did not run. " +
        "Install it with: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium " +
        "(or set TSHARKRST_CHROMIUM). With CI=true these tests fail instead of skipping.";

    /// <summary>The skip reason for a browser test, or null when it must run (chromium found, or CI).</summary>
    public static string? SkipReason => Path is null && !InCi ? MissingMessage : null;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("TSHARKRST_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser" }
            .SelectMany(name => folders.Select(folder => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that needs Chromium: skipped with <see cref="Chromium.MissingMessage"/> when it
/// is absent outside CI; run (and failing) when it is absent in CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A theory that needs Chromium; see <see cref="ChromiumFactAttribute"/>.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute() => Skip = Chromium.SkipReason;
}
