using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>Finds the TLS alert sent before a reset. Read by name (cleartext, or with keys), a closure
/// alert (close_notify, user_canceled) is a close. Encrypted, an alert is recognised by its record: an
/// alert record after the handshake in TLS 1.2, an opaque record of an alert's size in TLS 1.3. One that
/// ends the handshake is probably fatal; one its sender follows with a FIN is most likely close_notify.</summary>
public static class TlsAlertRule
{
    private static readonly int[] ClosureAlerts = [0, 90];

    /// <summary>Every alert before the RST, oldest first.</summary>
    public static IReadOnlyList<TlsAlert> All(IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? serverHello,
        long? finishedFrame, PacketRow rst)
    {
        var alerts = new List<TlsAlert>();
        foreach (var packet in before)
            if (AlertIn(packet, before, fromClient, serverHello, finishedFrame, rst) is { } alert)
                alerts.Add(alert);
        return alerts;
    }

    /// <summary>The alert that says most about the connection: the first error, else the first close, else the first.</summary>
    public static TlsAlert? Telling(IReadOnlyList<TlsAlert> alerts) =>
        alerts.FirstOrDefault(a => a.IsError) ?? alerts.FirstOrDefault(a => a.IsClosure) ?? alerts.FirstOrDefault();

    private static TlsAlert? AlertIn(PacketRow packet, IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient,
        PacketRow? serverHello, long? finishedFrame, PacketRow rst)
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
            : Closes(packet, records, before, fromClient, rst) ? TlsAlertKind.EncryptedClosing
            : TlsAlertKind.Encrypted;
        return new TlsAlert(by, null, null, packet.Frame) { Kind = kind };
    }

    /// <summary>What marks an encrypted alert after the handshake as a close: its sender's next segment is a FIN,
    /// or the RST itself; the peer answers it with an alert or a FIN; or it rides right behind the sender's
    /// own data in one segment, as servers close after a response.</summary>
    private static bool Closes(PacketRow alert, IReadOnlyList<TlsRecord> records, IReadOnlyList<PacketRow> before,
        Func<PacketRow, bool> fromClient, PacketRow rst)
    {
        var mine = fromClient(alert);
        var later = before.Where(p => p.Frame > alert.Frame && (p.PayloadLength > 0 || p.Has(TcpFlags.Fin))).ToList();
        var next = later.FirstOrDefault(p => fromClient(p) == mine);
        var answer = later.FirstOrDefault(p => fromClient(p) != mine);
        return alert.Has(TcpFlags.Fin) || next?.Has(TcpFlags.Fin) == true ||
               (next is null && fromClient(rst) == mine) ||
               answer?.Has(TcpFlags.Fin) == true || (answer is not null && TlsRecord.Of(answer).Any(IsAlert)) ||
               (records.Count > 1 && records.Take(records.Count - 1).Any(r => r.IsApplicationData) && IsAlert(records[^1]));
    }

    private static bool IsAlert(TlsRecord record) => record.Type == TlsNames.Alert || record.IsAlertSized;
}
