using System.ComponentModel;

namespace TsharkRst.Connections;

/// <summary>Zeek's <c>conn_state</c>: how a TCP connection began and ended, in the closed set of codes
/// conn.log uses (scripts/base/protocols/conn/main.zeek), the originator being the client.
/// The members are named as Zeek writes them.</summary>
public enum ConnState
{
    [Description("Connection attempt seen, no reply.")]
    S0,
    [Description("Connection established, not terminated.")]
    S1,
    [Description("Normal establishment and termination.")]
    SF,
    [Description("Connection attempt rejected.")]
    REJ,
    [Description("Connection established and a close attempt by the originator seen, no reply from the responder.")]
    S2,
    [Description("Connection established and a close attempt by the responder seen, no reply from the originator.")]
    S3,
    [Description("Connection established, the originator aborted it (sent a RST).")]
    RSTO,
    [Description("The responder sent a RST.")]
    RSTR,
    [Description("The originator sent a SYN followed by a RST; no SYN-ACK from the responder was seen.")]
    RSTOS0,
    [Description("The responder sent a SYN-ACK followed by a RST; no SYN from the (purported) originator was seen.")]
    RSTRH,
    [Description("The originator sent a SYN followed by a FIN; no SYN-ACK from the responder was seen (half open).")]
    SH,
    [Description("The responder sent a SYN-ACK followed by a FIN; no SYN from the originator was seen.")]
    SHR,
    [Description("No SYN seen, just midstream traffic (e.g. a partial connection that was not later closed).")]
    OTH,
}
