using TsharkRst.Processes;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

public class TsharkRunResultTests
{
    private static TsharkRunResult Ended(int exitCode, string stderr) =>
        new(new ProcessCommand("tshark", []), new ProcessResult(exitCode, stderr, TimeSpan.Zero), 5, []);

    [Fact]
    public void A_library_the_loader_could_not_preload_is_left_out_of_tsharks_complaint()
    {
        var stderr = "Running as user \"root\" and group \"root\". This could be dangerous.\n" +
                     "ERROR: ld.so: object '/usr/libexec/coreutils/libstdbuf.so' from LD_PRELOAD cannot be preloaded " +
                     "(cannot open shared object file): ignored.\n" +
                     "tshark: The file \"-\" appears to have been cut short in the middle of a packet.\n";
        Assert.Equal("tshark exited with code 2 after 5 rows: tshark: The file \"-\" appears to have been cut short in the middle of a packet.",
            Ended(2, stderr).Error);
    }

    [Fact]
    public void Nothing_left_of_what_tshark_said_ends_the_error_with_a_full_stop()
    {
        Assert.Equal("tshark exited with code 2 after 5 rows.", Ended(2, "Running as user \"root\" and group \"root\". This could be dangerous.\n").Error);
        Assert.Null(Ended(0, "tshark: something\n").Error);
    }
}
