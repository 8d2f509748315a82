using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Finds the TLS alert sent before a reset: a cleartext alert record, an encrypted one
/// (TLS 1.2 after ChangeCipherSpec: an alert record tshark cannot read), or in TLS 1.3 the short
/// application-data record an alert travels in.</summary>
public static class TlsAlertRule
{
    // A TLS 1.3 alert is 2 bytes + 1 inner content type + a 16-byte AEAD tag.
    private const int EncryptedAlertRecordLength = 19;

    public static TlsAlert? Find(IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? serverHello)
    {
        foreach (var packet in before)
        {
            var index = IndexOf(packet.TlsContentTypes, TlsNames.Alert);
            if (index < 0)
                continue;
            var by = fromClient(packet) ? Side.Client : Side.Server;
            var level = packet.TlsAlertLevels.Count > 0 ? TlsNames.Level(packet.TlsAlertLevels[0]) : null;
            var description = packet.TlsAlertDescriptions.Count > 0 ? TlsNames.AlertDescription(packet.TlsAlertDescriptions[0]) : null;
            return new TlsAlert(by, level, description, packet.Frame);
        }

        // TLS 1.3: the last record a side sent before the reset, if it is alert-sized, after the ServerHello.
        if (serverHello?.TlsSupportedVersions.Contains(TlsNames.Tls13) != true)
            return null;
        foreach (var side in new[] { true, false })
        {
            var last = before.LastOrDefault(p => fromClient(p) == side && p.TlsContentTypes.Count > 0);
            if (last is not null && last.Frame > serverHello.Frame && IsEncryptedAlertSized(last) &&
                (!side || !before.Any(p => fromClient(p) && p.Frame < last.Frame && p.TlsContentTypes.Contains(TlsNames.ApplicationData))))
                return new TlsAlert(side ? Side.Client : Side.Server, null, null, last.Frame);
        }
        return null;
    }

    /// <summary>True for a packet whose only TLS record is application data of an alert's encrypted size.</summary>
    public static bool IsEncryptedAlertSized(PacketRow packet) =>
        packet.TlsContentTypes.Count == 1 && packet.TlsContentTypes[0] == TlsNames.ApplicationData &&
        packet.TlsRecordLengths.Count == 1 && packet.TlsRecordLengths[0] == EncryptedAlertRecordLength;

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (var i = 0; i < values.Count; i++)
            if (values[i] == value)
                return i;
        return -1;
    }
}
