using System.Collections.Concurrent;

namespace TsharkRst.Tests.TestRun;

/// <summary>Temporary folders kept for the whole test run (analyses cached across test classes), deleted by
/// <see cref="TestRunFramework"/> once the last test has finished.</summary>
internal static class RunFolders
{
    private static readonly ConcurrentQueue<TemporaryFolder> Made = new();

    /// <summary>A folder made on first use, so that listing the tests makes none.</summary>
    public static Lazy<TemporaryFolder> OnFirstUse(string prefix) => new(() =>
    {
        var folder = new TemporaryFolder(prefix);
        Made.Enqueue(folder);
        return folder;
    });

    /// <summary>Deletes every folder made so far; one that cannot be deleted is named, after the others are gone.</summary>
    public static void DeleteAll()
    {
        var failures = new List<Exception>();
        while (Made.TryDequeue(out var folder))
        {
            try
            {
                folder.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(new IOException($"{folder.FullName} is left behind: {ex.Message}", ex));
            }
        }
        if (failures.Count > 0)
            throw new AggregateException("The test run's temporary folders could not all be deleted.", failures);
    }
}
