namespace TsharkRst.Capture;

/// <summary>A pcapng Decryption Secrets Block: the keys a capture carries for tshark (type 0x544c534b,
/// "TLSK", is an SSLKEYLOGFILE's text).</summary>
public sealed record DecryptionSecrets(uint Type, byte[] Data)
{
    public const uint TlsKeyLog = 0x544C534B;

    /// <summary>More secrets than this in one capture are not kept (each is copied into the focused capture).</summary>
    public const int MaxTotalBytes = 16 << 20;
}
