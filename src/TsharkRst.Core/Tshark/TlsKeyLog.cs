using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TsharkRst.Tshark;

/// <summary>A TLS key log in the NSS SSLKEYLOGFILE format browsers, curl, OpenSSL and many servers
/// write ("LABEL &lt;client random&gt; &lt;secret&gt;" per line), handed to tshark to decrypt TLS.
/// Checked when it is given, so a wrong file stops the run before any capture is read.</summary>
public sealed partial class TlsKeyLog
{
    private TlsKeyLog(string path, byte[] content, int secrets)
    {
        Path = path;
        Content = content;
        Secrets = secrets;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
    }

    /// <summary>The file's full path, as tshark is given it.</summary>
    public string Path { get; }

    public byte[] Content { get; }

    /// <summary>How many secrets (lines) the file holds.</summary>
    public int Secrets { get; }

    /// <summary>A hash of the content: a rerun with other keys redoes its captures.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads and checks <paramref name="path"/>; a file that is missing, unreadable or not a key log
    /// is a <see cref="TsharkRstException"/> that says which and how to get one.</summary>
    public static TlsKeyLog Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TsharkRstException($"--tls-keys: {path} cannot be read ({ex.Message}).");
        }
        var secrets = 0;
        var number = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(content).Split('\n'))
        {
            number++;
            var text = line.TrimEnd('\r');
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            if (!KeyLine().IsMatch(text))
                throw new TsharkRstException($"--tls-keys: {path} is not a TLS key log: line {number} is not \"LABEL <client random> <secret>\" " +
                                             "(the SSLKEYLOGFILE format: set SSLKEYLOGFILE=FILE for curl, Firefox, Chrome or OpenSSL-based programs).");
            secrets++;
        }
        if (secrets == 0)
            throw new TsharkRstException($"--tls-keys: {path} holds no keys (the SSLKEYLOGFILE format: \"CLIENT_RANDOM <client random> <secret>\" lines).");
        return new TlsKeyLog(full, content, secrets);
    }

    [GeneratedRegex("^(CLIENT_RANDOM|RSA|CLIENT_EARLY_TRAFFIC_SECRET|CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET|" +
                    "CLIENT_TRAFFIC_SECRET_[0-9]+|SERVER_TRAFFIC_SECRET_[0-9]+|EARLY_EXPORTER_SECRET|EXPORTER_SECRET|EARLY_EXPORTER_MASTER_SECRET|" +
                    "EXPORTER_MASTER_SECRET) [0-9A-Fa-f]+ [0-9A-Fa-f]+$")]
    private static partial Regex KeyLine();
}
