using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

public class StdoutBufferingTests
{
    [Fact]
    public void Without_the_library_nothing_is_set()
    {
        Assert.Empty(StdoutBuffering.Variables(null, "/opt/other.so"));
    }

    [Fact]
    public void The_library_is_preloaded_with_a_256_KB_buffer_after_what_is_already_preloaded()
    {
        Assert.Equal(new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = "/usr/libexec/coreutils/libstdbuf.so",
            ["_STDBUF_O"] = "262144",
        }, StdoutBuffering.Variables("/usr/libexec/coreutils/libstdbuf.so", null));
        Assert.Equal("/opt/other.so /usr/libexec/coreutils/libstdbuf.so",
            StdoutBuffering.Variables("/usr/libexec/coreutils/libstdbuf.so", "/opt/other.so")["LD_PRELOAD"]);
    }

    [Fact]
    public void A_tshark_that_flushes_each_packet_runs_as_it_is_and_any_other_gets_the_buffer()
    {
        var tshark = new TsharkProgram("tshark");
        Assert.Empty(TsharkDissection.Command(tshark, "-", TsharkFields.BuiltIn, null, flushEachPacket: true).Environment);
        Assert.Same(StdoutBuffering.ForTshark, TsharkDissection.Command(tshark, "a.pcapng", TsharkFields.BuiltIn, null).Environment);
    }
}
