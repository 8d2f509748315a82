using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>One TLS record of a packet: its content type, its length, and whether tshark could read
/// no more than its outer type (a TLS 1.3 record without keys, whose real type is inside it).</summary>
public readonly record struct TlsRecord(int Type, int Length, bool Opaque)
{
    /// <summary>An alert's encrypted size: 2 bytes and the inner type, with a 16-byte AEAD tag (AES-GCM,
    /// ChaCha20-Poly1305) or an 8-byte one (AES-CCM-8).</summary>
    public bool IsAlertSized => Opaque && Length is 19 or 11;

    public bool IsApplicationData => Type == TlsNames.ApplicationData;

    /// <summary>The packet's records in order. tshark lists the types it can read (with keys, the inner
    /// ones) in <c>tls.record.content_type</c> and the outer types of those it cannot in
    /// <c>tls.record.opaque_type</c>, after them, as TLS 1.3 sends them; the lengths cover all.</summary>
    public static IReadOnlyList<TlsRecord> Of(PacketRow packet)
    {
        var clear = packet.TlsContentTypes;
        var opaque = packet.TlsOpaqueTypes;
        var lengths = packet.TlsRecordLengths;
        if (clear.Count == 0 && opaque.Count == 0)
            return [];
        var decrypted = lengths.Count == clear.Count;
        var records = new List<TlsRecord>(lengths.Count);
        for (var i = 0; i < clear.Count; i++)
            records.Add(new TlsRecord(clear[i], i < lengths.Count ? lengths[i] : 0, false));
        if (!decrypted)
            for (var i = 0; i < opaque.Count; i++)
                records.Add(new TlsRecord(opaque[i], clear.Count + i < lengths.Count ? lengths[clear.Count + i] : 0, true));
        return records;
    }
}
