namespace TsharkRst.Connections;

/// <summary>Zeek's <c>conn_state()</c> for TCP (scripts/base/protocols/conn/main.zeek), over the two
/// sides' <see cref="ZeekEndpointState"/>, whether each sent payload, and the history string.</summary>
public static class ConnStateRule
{
    public static ConnState Of(
        ZeekEndpointState originator, ZeekEndpointState responder, bool originatorSentData, bool responderSentData, string history)
    {
        var originatorInactive = originator is ZeekEndpointState.Inactive or ZeekEndpointState.Partial;
        var responderInactive = responder is ZeekEndpointState.Inactive or ZeekEndpointState.Partial;
        if (responder == ZeekEndpointState.Reset)
        {
            // Zeek compares its sequence-number sizes with 0; here, the payload each side sent.
            if (originator is ZeekEndpointState.SynSent or ZeekEndpointState.SynAckSent ||
                (originator == ZeekEndpointState.Reset && !originatorSentData && !responderSentData))
                return ConnState.REJ;
            return originatorInactive ? ConnState.RSTRH : ConnState.RSTR;
        }
        if (originator == ZeekEndpointState.Reset)
        {
            if (responderInactive)
                return SynThenReset(history) ? ConnState.RSTOS0 : ConnState.OTH;
            return ConnState.RSTO;
        }
        if (responder == ZeekEndpointState.Closed && originator == ZeekEndpointState.Closed)
            return ConnState.SF;
        if (originator == ZeekEndpointState.Closed)
            return responderInactive ? ConnState.SH : ConnState.S2;
        if (responder == ZeekEndpointState.Closed)
            return originatorInactive ? ConnState.SHR : ConnState.S3;
        if (originator == ZeekEndpointState.SynSent && responder == ZeekEndpointState.Inactive)
            return ConnState.S0;
        if (originator == ZeekEndpointState.Established && responder == ZeekEndpointState.Established)
            return ConnState.S1;
        return ConnState.OTH;
    }

    /// <summary>Zeek's <c>/\^?S[^HAFGIQ]*R.*/ == history</c>: the history starts with the originator's SYN, and
    /// the originator's RST comes before its SYN-ACK, ACK or FIN (this history has no G, I, Q or ^ letters).</summary>
    public static bool SynThenReset(string history)
    {
        if (history.Length == 0 || history[0] != 'S')
            return false;
        foreach (var letter in history.AsSpan(1))
        {
            if (letter == 'R')
                return true;
            if (letter is 'H' or 'A' or 'F' or 'G' or 'I' or 'Q')
                return false;
        }
        return false;
    }
}
