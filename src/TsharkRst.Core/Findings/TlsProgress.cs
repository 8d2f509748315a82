using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>How far a TLS connection got: where its handshake finished, and which records after it carry
/// application data.</summary>
public static class TlsProgress
{
    /// <summary>The frame where the handshake was over. In TLS 1.3 that is the client's first encrypted record
    /// after the server's flight that is not alert-sized (its Finished; with keys, the Finished itself or
    /// its first application data); before TLS 1.3, once both sides sent ChangeCipherSpec, or the client
    /// sent application data. Null while it was not.</summary>
    public static long? FinishedFrame(IReadOnlyList<PacketRow> before, Func<PacketRow, bool> fromClient, PacketRow? serverHello)
    {
        if (serverHello?.TlsSupportedVersions.Contains(TlsNames.Tls13) == true)
            return before.FirstOrDefault(p => fromClient(p) && p.Frame > serverHello.Frame &&
                                              (p.TlsHandshakeTypes.Contains(TlsNames.Finished) ||
                                               TlsRecord.Of(p).Any(r => r.IsApplicationData && !r.IsAlertSized)))?.Frame;
        var clientData = before.FirstOrDefault(p => fromClient(p) && TlsRecord.Of(p).Any(r => r.IsApplicationData));
        var clientCcs = before.FirstOrDefault(p => fromClient(p) && p.TlsContentTypes.Contains(TlsNames.ChangeCipherSpec));
        var serverCcs = before.FirstOrDefault(p => !fromClient(p) && p.TlsContentTypes.Contains(TlsNames.ChangeCipherSpec));
        var bothCcs = clientCcs is not null && serverCcs is not null ? Math.Max(clientCcs.Frame, serverCcs.Frame) : (long?)null;
        return (bothCcs, clientData?.Frame) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    /// <summary>True when the packet carries application data after the handshake finished at
    /// <paramref name="finishedFrame"/>: not its handshake records (in TLS 1.3 without keys they look like
    /// application data), and not the record that finished it.</summary>
    public static bool CarriesApplicationData(PacketRow packet, long? finishedFrame)
    {
        if (finishedFrame is not { } finished || packet.Frame < finished)
            return false;
        var data = TlsRecord.Of(packet).Where(r => r.IsApplicationData).ToList();
        return packet.Frame > finished ? data.Count > 0 : data.Count(r => r.Opaque) > 1 || data.Any(r => !r.Opaque);
    }
}
