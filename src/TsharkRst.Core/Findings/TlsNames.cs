namespace TsharkRst.Findings;

/// <summary>Names of TLS alert levels, descriptions and versions as RFC 8446 and RFC 5246 spell them.</summary>
public static class TlsNames
{
    public const int ChangeCipherSpec = 20;
    public const int Alert = 21;
    public const int Handshake = 22;
    public const int ApplicationData = 23;
    public const int ClientHello = 1;
    public const int ServerHello = 2;
    public const int Finished = 20;
    public const int Tls13 = 0x0304;

    public static string Level(int level) => level switch
    {
        1 => "warning",
        2 => "fatal",
        _ => $"level_{level}",
    };

    public static string AlertDescription(int description) => description switch
    {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        21 => "decryption_failed",
        22 => "record_overflow",
        30 => "decompression_failure",
        40 => "handshake_failure",
        41 => "no_certificate",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        60 => "export_restriction",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        111 => "certificate_unobtainable",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        114 => "bad_certificate_hash_value",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => $"alert_{description}",
    };

    public static string Version(int version) => version switch
    {
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        _ => $"0x{version:x4}",
    };

    /// <summary>GREASE values (RFC 8701) are placeholders a client offers to keep servers honest.</summary>
    public static bool IsGrease(int value) => (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}
