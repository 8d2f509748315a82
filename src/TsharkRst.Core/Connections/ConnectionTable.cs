using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>Groups tshark's TCP packets into connections by their endpoints. A connection stays one
/// connection however long it is idle; a new SYN on the same endpoints after a FIN or RST starts a
/// new one (<see cref="ConnectionSides.StartsNewConnection"/>).</summary>
public sealed class ConnectionTable<TConnection>(Func<Endpoint, Endpoint, TConnection> create)
    where TConnection : TrackedConnection
{
    private readonly OpenTable<ConnectionKey, TConnection> _open = new();
    private readonly List<TConnection> _all = [];
    private int _retired;

    /// <summary>Every connection seen so far and not retired, in the order of their first packet.</summary>
    public IReadOnlyList<TConnection> Connections
    {
        get
        {
            DropRetired();
            return _all;
        }
    }

    /// <summary>Forgets a connection that is done with: a later packet on its endpoints starts another.</summary>
    public void Retire(TConnection connection)
    {
        connection.Retired = true;
        _open.Remove(ConnectionKey.Of(connection.Client, connection.Server), connection);
        // Dropped from the list in batches, so retiring stays cheap however many connections there are.
        if (++_retired > 1024 && _retired > _all.Count / 2)
            DropRetired();
    }

    private void DropRetired()
    {
        if (_retired == 0)
            return;
        _all.RemoveAll(c => c.Retired);
        _retired = 0;
    }

    /// <summary>The connection a packet from <paramref name="source"/> to <paramref name="destination"/>
    /// with <paramref name="flags"/> belongs to, updated with it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TConnection Add(Endpoint source, Endpoint destination, TcpFlags flags)
    {
        var key = ConnectionKey.Of(source, destination);
        var connection = _open.Find(key);
        if (connection is null || connection.Sides.StartsNewConnection(flags))
        {
            connection = create(source, destination);
            _open.Set(key, connection);
            _all.Add(connection);
        }
        connection.Observe(source, destination, flags);
        return connection;
    }
}
