using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

/// <summary>The first shared tshark starts before the command line is parsed only for a plain analysis of small
/// capture files; anything else waits for the parsed command line.</summary>
public class EarlyTsharkTests
{
    private const long Small = 4_096;
    private const long Big = 100L << 20;

    private static readonly Dictionary<string, long> Files = new(StringComparer.Ordinal)
    {
        ["small.pcapng"] = Small,
        ["other.pcap"] = Small,
        ["big.pcapng"] = Big,
    };

    [Theory]
    [InlineData(true, "analyze", "small.pcapng")]
    [InlineData(true, "analyze", "small.pcapng", "-o", "reports", "--format", "json,md")]
    [InlineData(true, "analyze", "--jobs", "2", "small.pcapng", "other.pcap", "missing.pcap")]
    // A big capture starts a tshark of its own beside its triage pass.
    [InlineData(false, "analyze", "big.pcapng")]
    [InlineData(false, "analyze", "small.pcapng", "big.pcapng")]
    // Nothing named is a file: a folder, or a capture that is not there.
    [InlineData(false, "analyze", "captures")]
    [InlineData(false, "analyze", "missing.pcap")]
    // Options after which no tshark, or another one, is shared.
    [InlineData(false, "analyze", "small.pcapng", "--full")]
    [InlineData(false, "analyze", "small.pcapng", "--tls-keys", "keys.log")]
    [InlineData(false, "analyze", "small.pcapng", "--tls-keys=keys.log")]
    [InlineData(false, "analyze", "small.pcapng", "--tshark", "/opt/wireshark/bin/tshark")]
    [InlineData(false, "analyze", "small.pcapng", "--tshark=/opt/wireshark/bin/tshark")]
    [InlineData(false, "analyze", "small.pcapng", "--shard", "1/4")]
    // A response file may hold any of them.
    [InlineData(false, "analyze", "small.pcapng", "@options.rsp")]
    [InlineData(false, "analyze", "small.pcapng", "--pair", "other.pcap")]
    [InlineData(false, "analyze", "small.pcapng", "--help")]
    // Other commands.
    [InlineData(false, "merge", "small.pcapng")]
    [InlineData(false, "small.pcapng")]
    public void Starts_only_for_a_plain_analysis_of_small_capture_files(bool wanted, params string[] args) =>
        Assert.Equal(wanted, EarlyTshark.Wanted(args, path => Files.TryGetValue(path, out var length) ? length : null));
}
