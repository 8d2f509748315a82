using TsharkRst.Analysis;

namespace TsharkRst.Tests.Batch;

/// <summary>In a folder, a file is a capture by its first bytes or by its name; everything else is skipped.</summary>
public sealed class CaptureDiscoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tsharkrst-discovery-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("trace.pcap", true)]
    [InlineData("trace.PCAPNG", true)]
    [InlineData("netmon.cap", true)]
    [InlineData("old.ntar", true)]
    [InlineData("switch.dmp.gz", true)]
    [InlineData("sniffer.TRC.GZ", true)]
    [InlineData("trace.pcapng.gz", true)]
    [InlineData(".pcap", false)]
    [InlineData("trace.pcap.txt", false)]
    [InlineData("logs.gz", false)]
    [InlineData("pcap", false)]
    [InlineData("capture", false)]
    public void A_file_is_named_as_a_capture_by_its_ending_in_any_case(string name, bool named)
    {
        Assert.Equal(named, CaptureDiscovery.IsNamedAsCapture(Path.Combine(_folder, name)));
    }

    [Fact]
    public void Garbage_named_as_a_capture_is_kept_and_a_capture_without_a_name_is_found_by_its_bytes()
    {
        File.WriteAllText(Path.Combine(_folder, "corrupt.pcap"), "garbage");
        File.Copy(Path.Combine(Repository.Captures, "closed-port.pcapng"), Path.Combine(_folder, "no-extension"));
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "notes");

        var found = CaptureDiscovery.Find([_folder]);

        Assert.Equal(["corrupt.pcap", "no-extension"], found.Captures.Select(c => c.OutputName));
        Assert.Equal([Path.Combine(_folder, "notes.txt")], found.Skipped);
        Assert.Empty(found.Problems);
    }
}
