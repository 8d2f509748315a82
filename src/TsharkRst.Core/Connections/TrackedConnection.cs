using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>What the grouping rules know of a connection as its packets arrive: which side is the
/// client, and whether a FIN or RST was seen. Shared by the connections built from tshark rows and
/// by the triage pass's index, so both group packets the same way.</summary>
public abstract class TrackedConnection
{
    private bool _started;
    private bool _synSeen;

    protected TrackedConnection(Endpoint first, Endpoint second) => (Client, Server) = (first, second);

    /// <summary>The side that sent the first SYN (or, with no SYN captured, the ephemeral port's side).</summary>
    public Endpoint Client { get; private set; }

    public Endpoint Server { get; private set; }

    /// <summary>True when the sides were told from a SYN or SYN-ACK rather than guessed from ports.</summary>
    public bool SidesFromHandshake { get; private set; }

    public bool HasReset { get; private set; }

    internal bool HasFinOrReset { get; private set; }

    /// <summary>Done with and forgotten by its table (see <see cref="ConnectionTable{T}.Retire"/>).</summary>
    internal bool Retired { get; set; }

    /// <summary>Updates the sides and the flags seen with one packet of the connection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Observe(Endpoint source, Endpoint destination, TcpFlags flags)
    {
        if (!_started)
            (Client, Server) = ServerPorts.LooksLikeClient(source, destination) ? (source, destination) : (destination, source);
        _started = true;
        if (!_synSeen && (flags & TcpFlags.Syn) != 0)
        {
            // A SYN's sender is the client; so is a SYN-ACK's receiver, until the SYN itself shows up.
            var synAck = (flags & TcpFlags.Ack) != 0;
            (Client, Server) = synAck ? (destination, source) : (source, destination);
            SidesFromHandshake = true;
            _synSeen = !synAck;
        }
        HasReset |= (flags & TcpFlags.Rst) != 0;
        HasFinOrReset |= (flags & (TcpFlags.Rst | TcpFlags.Fin)) != 0;
    }
}
