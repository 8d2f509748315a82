using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

/// <summary>tshark is asked its version once per executable file; a replaced file is asked again.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TsharkVersionCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tsharkrst-version-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_version_is_asked_once_until_the_executable_changes()
    {
        var asked = Path.Combine(_folder, "asked");
        var program = FakeTshark("4.0.17", asked);
        var tshark = new TsharkProgram(program) { VersionCacheFile = Path.Combine(_folder, "cache", "tshark-version.tsv") };

        Assert.Equal("TShark (Wireshark) 4.0.17", await tshark.GetVersionAsync());
        Assert.Equal("TShark (Wireshark) 4.0.17", await tshark.GetVersionAsync());
        Assert.Single(File.ReadAllLines(asked));

        // An upgrade replaces the file: another size and time.
        FakeTshark("4.4.1", asked);
        File.SetLastWriteTimeUtc(program, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("TShark (Wireshark) 4.4.1", await tshark.GetVersionAsync());
        Assert.Equal(2, File.ReadAllLines(asked).Length);
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_only_means_asking_again()
    {
        var asked = Path.Combine(_folder, "asked");
        var blocker = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocker, "");
        var tshark = new TsharkProgram(FakeTshark("4.0.17", asked)) { VersionCacheFile = Path.Combine(blocker, "tshark-version.tsv") };

        Assert.Equal("TShark (Wireshark) 4.0.17", await tshark.GetVersionAsync());
        Assert.Equal("TShark (Wireshark) 4.0.17", await tshark.GetVersionAsync());
        Assert.Equal(2, File.ReadAllLines(asked).Length);
    }

    [Fact]
    public void The_dialect_is_remembered_beside_the_version_and_a_later_version_alone_keeps_it()
    {
        var executable = new FileInfo(FakeTshark("4.4.19", Path.Combine(_folder, "asked")));
        var cache = Path.Combine(_folder, "cache", "tshark-version.tsv");
        var dialect = new TsharkDialect(EscapesBackslash: true, BooleanWords: true, UriOnResponses: true);

        TsharkVersionCache.Remember(cache, executable, "TShark (Wireshark) 4.4.19", dialect);
        TsharkVersionCache.Remember(cache, executable, "TShark (Wireshark) 4.4.19");

        Assert.Equal(("TShark (Wireshark) 4.4.19", dialect), TsharkVersionCache.Find(cache, executable));
        Assert.EndsWith("\tTShark (Wireshark) 4.4.19\tbackslash,booleans,uri-on-responses", Assert.Single(File.ReadAllLines(cache)));
    }

    [Fact]
    public async Task A_tshark_whose_probe_fails_is_read_as_its_version_says_and_probed_again_next_time()
    {
        var tshark = new TsharkProgram(FakeTshark("4.6.0", Path.Combine(_folder, "asked")))
        {
            VersionCacheFile = Path.Combine(_folder, "cache", "tshark-version.tsv"),
        };
        Assert.Equal(new TsharkDialect(true, true, true), await tshark.GetDialectAsync(TsharkFields.BuiltIn));
        Assert.Null(TsharkVersionCache.Find(tshark.VersionCacheFile, new FileInfo(tshark.Path))!.Value.Dialect);
    }

    /// <summary>A script that answers --version like tshark and notes each time it is asked.</summary>
    private string FakeTshark(string version, string asked)
    {
        var path = Path.Combine(_folder, "tshark");
        File.WriteAllText(path, $"#!/bin/sh\necho asked >> '{asked}'\necho 'TShark (Wireshark) {version} (Git v{version} packaged as {version}-1).'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
