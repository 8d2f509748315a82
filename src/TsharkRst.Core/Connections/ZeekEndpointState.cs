namespace TsharkRst.Connections;

/// <summary>The state Zeek keeps for each side of a TCP connection (its <c>TCP_ENDPOINT_*</c> values,
/// src/analyzer/protocol/tcp/TCP_Endpoint.h), from which its <c>conn_state</c> is told.</summary>
public enum ZeekEndpointState : byte
{
    /// <summary>Nothing seen from this side.</summary>
    Inactive,

    /// <summary>A SYN seen, no acknowledgement yet.</summary>
    SynSent,

    /// <summary>A SYN-ACK seen without this side's initial SYN.</summary>
    SynAckSent,

    /// <summary>Data or an ACK seen, but no SYN.</summary>
    Partial,

    /// <summary>The handshake done (or an ACK on a connection the other side established).</summary>
    Established,

    /// <summary>A FIN seen.</summary>
    Closed,

    /// <summary>A RST seen.</summary>
    Reset,
}
