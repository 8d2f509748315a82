using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>A connection built from tshark's rows, as <see cref="ConnectionTable{T}"/> groups them: its
/// <see cref="ConnectionSides"/>, and whether the table is done with it.</summary>
public abstract class TrackedConnection
{
    private ConnectionSides _sides;

    protected TrackedConnection(Endpoint first, Endpoint second) => _sides = new ConnectionSides(first, second);

    /// <inheritdoc cref="ConnectionSides.Client"/>
    public Endpoint Client => _sides.Client;

    public Endpoint Server => _sides.Server;

    /// <inheritdoc cref="ConnectionSides.FromHandshake"/>
    public bool SidesFromHandshake => _sides.FromHandshake;

    public bool HasReset => _sides.HasReset;

    internal ConnectionSides Sides => _sides;

    /// <summary>Done with and forgotten by its table (see <see cref="ConnectionTable{T}.Retire"/>).</summary>
    internal bool Retired { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Observe(Endpoint source, Endpoint destination, TcpFlags flags) => _sides.Observe(source, destination, flags);
}
