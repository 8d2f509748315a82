using System.Globalization;

namespace TsharkRst.Tests;

/// <summary>A folder under the system's temporary folder that a test owns: disposing it deletes it and everything
/// in it, whether the test passed or failed. A test that needs several folders (input, output, a second run) takes
/// them inside it with <see cref="NewFolder"/>.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private int _made;

    public TemporaryFolder(string prefix) => FullName = Directory.CreateTempSubdirectory(prefix).FullName;

    public string FullName { get; }

    /// <summary>A new empty folder inside this one; each call gives another.</summary>
    public string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(FullName, Interlocked.Increment(ref _made).ToString(CultureInfo.InvariantCulture))).FullName;

    /// <summary>A folder for results cached across test classes for the whole run, deleted when the test process exits
    /// (xunit 2 has no hook at the end of an assembly's tests).</summary>
    public static TemporaryFolder ForTheRun(string prefix)
    {
        var folder = new TemporaryFolder(prefix);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                folder.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Throwing here would crash the test host after the results are in; say what is left instead.
                Console.Error.WriteLine($"{folder.FullName} is left behind: {ex.Message}");
            }
        };
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(FullName))
            Directory.Delete(FullName, recursive: true);
    }
}
