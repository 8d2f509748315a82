using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Zeek's endpoint state machine for one TCP connection, packet by packet, as
/// <c>TCPSessionAdapter::UpdateStateMachine</c> (src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc)
/// moves it: the originator's and the responder's <see cref="ZeekEndpointState"/>. Only the transitions
/// are kept: the events, weirds and timers around them change no state. Two bytes, so the triage index
/// can keep one per connection.</summary>
public struct ZeekStateMachine
{
    // Each side: its state in the low bits, and whether it went from Closed to Reset (Zeek's prev_state,
    // which a later FIN from the other side reads to turn such a side back to Closed).
    private const byte StateBits = 0x7;
    private const byte ResetAfterClose = 0x8;

    private byte _originator;
    private byte _responder;

    public readonly ZeekEndpointState Originator => (ZeekEndpointState)(_originator & StateBits);

    public readonly ZeekEndpointState Responder => (ZeekEndpointState)(_responder & StateBits);

    /// <summary>One packet, from the originator or the responder, with its flags and payload length.</summary>
    [MethodImpl(HotPath.Compilation)]
    public void Add(bool fromOriginator, TcpFlags flags, int payloadLength)
    {
        ref var endpoint = ref fromOriginator ? ref _originator : ref _responder;
        ref var peer = ref fromOriginator ? ref _responder : ref _originator;
        switch ((ZeekEndpointState)(endpoint & StateBits))
        {
            case ZeekEndpointState.Inactive:
                Inactive(ref endpoint, ref peer, fromOriginator, flags, payloadLength);
                break;
            case ZeekEndpointState.SynSent or ZeekEndpointState.SynAckSent:
                if (Has(flags, TcpFlags.Fin))
                    Set(ref endpoint, ZeekEndpointState.Closed);
                if (Has(flags, TcpFlags.Rst))
                    Set(ref endpoint, ZeekEndpointState.Reset);
                break;
            case ZeekEndpointState.Established or ZeekEndpointState.Partial:
                Established(ref endpoint, ref peer, flags);
                break;
            case ZeekEndpointState.Closed:
                // After both sides' FINs a RST changes nothing: the connection had already closed normally.
                if (Has(flags, TcpFlags.Rst) && State(peer) != ZeekEndpointState.Closed)
                    Set(ref endpoint, ZeekEndpointState.Reset);
                break;
            case ZeekEndpointState.Reset:
                break;
        }
    }

    // TCPSessionAdapter::UpdateInactiveState.
    private static void Inactive(ref byte endpoint, ref byte peer, bool fromOriginator, TcpFlags flags, int payloadLength)
    {
        var ack = Has(flags, TcpFlags.Ack);
        if (Has(flags, TcpFlags.Syn))
        {
            if (fromOriginator)
                Set(ref endpoint, ack ? ZeekEndpointState.SynAckSent : ZeekEndpointState.SynSent);
            else
            {
                // A SYN-ACK, or a SYN answering the originator's SYN-ACK (Zeek would then swap the roles; the
                // client here is fixed by the first SYN, so only the states follow).
                if (!ack && State(peer) == ZeekEndpointState.SynAckSent)
                    Set(ref peer, ZeekEndpointState.Established);
                if (State(peer) == ZeekEndpointState.SynSent)
                    Set(ref peer, ZeekEndpointState.Established);
                Set(ref endpoint, ZeekEndpointState.Established);
            }
        }
        if (Has(flags, TcpFlags.Fin))
            Set(ref endpoint, ZeekEndpointState.Closed);
        if (Has(flags, TcpFlags.Rst))
            Set(ref endpoint, ZeekEndpointState.Reset);
        if (State(endpoint) != ZeekEndpointState.Inactive)
            return;
        // No control flag moved it. An empty ACK from the responder before its SYN-ACK (some stacks send
        // one) does not make the connection partial.
        if (!fromOriginator && payloadLength == 0 && State(peer) == ZeekEndpointState.SynSent)
            return;
        // A pure ACK after the responder's SYN-ACK: the originator's SYN was missed, not the start.
        Set(ref endpoint, ack && State(peer) == ZeekEndpointState.Established
            ? ZeekEndpointState.Established
            : ZeekEndpointState.Partial);
    }

    // TCPSessionAdapter::UpdateEstablishedState.
    private static void Established(ref byte endpoint, ref byte peer, TcpFlags flags)
    {
        if (Has(flags, TcpFlags.Syn) && State(endpoint) == ZeekEndpointState.Partial &&
            State(peer) == ZeekEndpointState.Inactive && !Has(flags, TcpFlags.Ack))
            Set(ref endpoint, ZeekEndpointState.SynSent);
        if (Has(flags, TcpFlags.Fin) && !Has(flags, TcpFlags.Rst))
        {
            Set(ref endpoint, ZeekEndpointState.Closed);
            // The peer's FIN then RST was a normal close after all.
            if (State(peer) == ZeekEndpointState.Reset && (peer & ResetAfterClose) != 0)
                Set(ref peer, ZeekEndpointState.Closed);
        }
        if (Has(flags, TcpFlags.Rst))
            Set(ref endpoint, ZeekEndpointState.Reset);
    }

    private static ZeekEndpointState State(byte side) => (ZeekEndpointState)(side & StateBits);

    // TCP_Endpoint::SetState: a change of state remembers the one before.
    private static void Set(ref byte side, ZeekEndpointState state)
    {
        var now = State(side);
        if (now == state)
            return;
        side = (byte)((byte)state | (now == ZeekEndpointState.Closed && state == ZeekEndpointState.Reset ? ResetAfterClose : 0));
    }

    private static bool Has(TcpFlags flags, TcpFlags flag) => (flags & flag) == flag;
}
