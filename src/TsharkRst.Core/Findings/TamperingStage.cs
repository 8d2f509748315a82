using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>How far the client's side of a connection had got when a tampering signature cut it off: the
/// stages Cloudflare Radar counts its TCP resets and timeouts by (radar/glossary, "TCP resets and timeouts").</summary>
public enum TamperingStage
{
    [Description("Post-SYN (mid-handshake): the server had received only the client's single SYN.")]
    PostSyn,
    [Description("Post-ACK (immediately post-handshake): the server had received the client's SYN and ACK, nothing more.")]
    PostAck,
    [Description("Post-PSH (after the first data packet): the server had received the client's first packet with PSH set, such as a TLS ClientHello or an HTTP request.")]
    PostPsh,
    [Description("Later in flow: the server had received several data packets from the client, within its first 10 packets.")]
    LaterInFlow,
}
