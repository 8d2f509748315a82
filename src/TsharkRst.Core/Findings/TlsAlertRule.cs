using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Finds the TLS alert sent before a reset. Read by name (cleartext, or with keys), a closure
/// alert (close_notify, user_canceled) is a close. Encrypted, an alert is recognised by its record: an
/// alert record after the handshake in TLS 1.2, an opaque record of an alert's size in TLS 1.3. One that
/// ends the handshake is probably fatal; one its sender follows with a FIN is most likely close_notify.</summary>
public static class TlsAlertRule
{
    private static readonly int[] ClosureAlerts = [0, 90];

    public static TlsAlert? Find(IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? serverHello, long? finishedFrame)
    {
        var alerts = new List<TlsAlert>();
        foreach (var packet in before)
            if (AlertIn(packet, before, fromClient, serverHello, finishedFrame) is { } alert)
                alerts.Add(alert);
        return alerts.FirstOrDefault(a => a.IsError) ?? alerts.FirstOrDefault(a => a.IsClosure) ?? alerts.FirstOrDefault();
    }

    private static TlsAlert? AlertIn(PacketRow packet, IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient,
        PacketRow? serverHello, long? finishedFrame)
    {
        var records = TlsRecord.Of(packet);
        var by = fromClient(packet) ? Side.Client : Side.Server;
        if (packet.TlsAlertDescriptions.Count > 0)
        {
            var code = packet.TlsAlertDescriptions[0];
            var level = packet.TlsAlertLevels.Count > 0 ? TlsNames.Level(packet.TlsAlertLevels[0]) : null;
            return new TlsAlert(by, level, TlsNames.AlertDescription(code), packet.Frame)
            {
                Kind = ClosureAlerts.Contains(code) ? TlsAlertKind.Closure : TlsAlertKind.Error,
            };
        }
        var encrypted = records.Any(r => r.Type == TlsNames.Alert && !r.Opaque) ||
                        (serverHello is not null && packet.Frame > serverHello.Frame && records.Any(r => r.IsAlertSized));
        if (!encrypted)
            return null;
        var kind = finishedFrame is null || packet.Frame < finishedFrame ? TlsAlertKind.EncryptedEndingHandshake
            : FinFollows(packet, before, fromClient) ? TlsAlertKind.EncryptedBeforeFin
            : TlsAlertKind.Encrypted;
        return new TlsAlert(by, null, null, packet.Frame) { Kind = kind };
    }

    /// <summary>The alert's sender sent a FIN with it, or as its next packet.</summary>
    private static bool FinFollows(PacketRow alert, IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient) =>
        alert.Has(TcpFlags.Fin) ||
        before.FirstOrDefault(p => p.Frame > alert.Frame && fromClient(p) == fromClient(alert) && (p.PayloadLength > 0 || p.Has(TcpFlags.Fin)))
            ?.Has(TcpFlags.Fin) == true;
}
