namespace TsharkRst.Findings;

/// <summary>What a TLS alert says about the connection, read by name or, encrypted, from where it stands.</summary>
public enum TlsAlertKind
{
    /// <summary>An alert read by name other than a closure alert.</summary>
    Error,

    /// <summary>close_notify or user_canceled: a close, not an error.</summary>
    Closure,

    /// <summary>Encrypted, and it ended the handshake: probably fatal.</summary>
    EncryptedEndingHandshake,

    /// <summary>Encrypted, and its sender's FIN followed: most likely close_notify.</summary>
    EncryptedBeforeFin,

    /// <summary>Encrypted, with nothing to tell what it said.</summary>
    Encrypted,
}
