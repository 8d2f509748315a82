using TsharkRst.Tshark;

namespace TsharkRst.Tests.Tshark;

/// <summary>--tls-keys: a key log is checked before any work; a missing, unreadable or wrong file is a
/// clear error.</summary>
public class TlsKeyLogTests
{
    [Fact]
    public void A_key_log_in_the_SSLKEYLOGFILE_format_is_taken_with_its_secrets_counted()
    {
        using var folder = new TemporaryFolder("tsharkrst-keylog-");
        var path = Path.Combine(folder.FullName, "keys.log");
        File.WriteAllText(path, "# written by curl\nCLIENT_HANDSHAKE_TRAFFIC_SECRET 0a0b 0c0d\n\nCLIENT_RANDOM AABB CCDD\r\n");
        var keys = TlsKeyLog.Load(path);
        Assert.Equal((Path.GetFullPath(path), 2), (keys.Path, keys.Secrets));
        Assert.Equal(16, keys.Fingerprint.Length);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\n", "is not a TLS key log: line 1 is not \"LABEL <client random> <secret>\"")]
    [InlineData("# nothing yet\n", "holds no keys")]
    [InlineData("CLIENT_RANDOM nothex 0c0d\n", "is not a TLS key log: line 1")]
    public void A_file_that_is_no_key_log_is_refused_with_the_reason(string content, string reason)
    {
        using var folder = new TemporaryFolder("tsharkrst-keylog-");
        var path = Path.Combine(folder.FullName, "keys.log");
        File.WriteAllText(path, content);
        var error = Assert.Throws<TsharkRstException>(() => TlsKeyLog.Load(path));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith("--tls-keys: ", error.Message);
    }

    [Fact]
    public void A_missing_key_log_is_refused()
    {
        var error = Assert.Throws<TsharkRstException>(() => TlsKeyLog.Load("/nonexistent/keys.log"));
        Assert.StartsWith("--tls-keys: /nonexistent/keys.log cannot be read", error.Message);
    }
}
