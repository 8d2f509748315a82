namespace TsharkRst.Tests;

/// <summary>Paths inside the repository, found from the test binaries' folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Captures => Path.Combine(Root, "fixtures", "captures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TsharkRst.sln")))
                return dir.FullName;
        throw new InvalidOperationException("TsharkRst.sln not found above " + AppContext.BaseDirectory);
    }
}
