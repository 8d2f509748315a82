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

    public void Dispose()
    {
        if (Directory.Exists(FullName))
            Directory.Delete(FullName, recursive: true);
    }
}
