using TsharkRst.Connections;
using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>Two captures of the same traffic from two points of the path, seen from the first
/// (<see cref="Here"/>): which connections match, which packets each holds, which end each was
/// taken at, and how their clocks differ. Pure: no I/O.</summary>
public sealed class CapturePairing
{
    private readonly Dictionary<Connection, PacketCorrespondence> _byConnection;

    private readonly MatchedCaptures _matched;

    private CapturePairing(VantagePoint here, VantagePoint there, MatchedCaptures matched)
    {
        Here = here;
        There = there;
        _matched = matched;
        // A connection the pass saw and tshark gave no rows of (not read as TCP, or tshark stopped) is not in that capture's
        // rows, as with --full, where it would not be a connection at all.
        Connections = matched.Matches
            .Where(m => Rows(here, m.Here) && Rows(there, m.There))
            .Select(m => PacketCorrespondence.Of(ConnectionMatch.Of(m, here.Dissected[m.Here.Number], there.Dissected[m.There.Number])))
            .ToList();
        _byConnection = Connections.ToDictionary(c => c.Match.Here);
    }

    private static bool Rows(VantagePoint capture, ConnectionOutline outline) =>
        capture.Dissected.TryGetValue(outline.Number, out var connection) && connection.Packets.Count > 0;

    public VantagePoint Here { get; }

    public VantagePoint There { get; }

    /// <summary>Every matched connection, in this capture's order.</summary>
    public IReadOnlyList<OutlineMatch> Matches => _matched.Matches;

    /// <summary>The matched connections tshark dissected in both captures, in this capture's order, with their packets side by side.</summary>
    public IReadOnlyList<PacketCorrespondence> Connections { get; }

    public Vantage Sides => _matched.Sides;

    public ClockEstimate? Clock => _matched.Clock;

    /// <param name="matched">the outlines matched and judged, when already done (<see cref="MatchedCaptures.Of"/>)</param>
    public static CapturePairing Of(VantagePoint here, VantagePoint there, MatchedCaptures? matched = null) =>
        new(here, there, matched ?? MatchedCaptures.Of(ConnectionMatcher.Match(here.Outlines, there.Outlines), here.Name, there.Name));

    /// <summary>The same pairing seen from the other capture (the same matches, so both reports agree).</summary>
    public CapturePairing Reversed() => new(There, Here, _matched.Reversed());

    public PacketCorrespondence? For(Connection here) => _byConnection.GetValueOrDefault(here);

    /// <summary>The other capture in words: "the server-side capture (b.pcapng)", or its name when its end is unknown.</summary>
    public string ThereWords => Sides.There == Side.Unknown ? There.Name : $"the {SideWords(Sides.There)} capture ({There.Name})";

    /// <summary>"server-side", "client-side", or "other" for a capture whose end is unknown.</summary>
    public static string SideWords(Side side) => side switch { Side.Client => "client-side", Side.Server => "server-side", _ => "other" };

    /// <summary>A time of this capture on the other capture's clock.</summary>
    public DateTimeOffset? ThereTime(DateTimeOffset here) =>
        Clock is { } clock ? here + TimeSpan.FromTicks((long)Math.Round(clock.OffsetSeconds * TimeSpan.TicksPerSecond)) : null;

    /// <summary>True when the other capture was running when this capture saw <paramref name="here"/>.</summary>
    public bool ThereCovers(DateTimeOffset here) => ThereTime(here) is { } there && There.Covers(there);

    /// <summary>What could not be paired, in plain words, for the findings' <c>errors</c>.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (Matches.Count == 0)
            return [$"Paired with {There.Name}, but none of this capture's {Here.Outlines.Count} TCP connections is in it " +
                    "(by endpoints, initial sequence numbers, or payload lengths and timing): the two captures do not look like " +
                    "two views of the same traffic, so nothing here is proven by it."];
        if (Sides.Here == Side.Unknown)
            return [$"Paired with {There.Name}: {Sides.Reason}. Each RST is looked up there, but no origin is proven by it."];
        return [];
    }

    public PairSummary Summary() => new(
        There.Name,
        There.Path,
        Sides.Here,
        Sides.Reason,
        Clock?.OffsetSeconds,
        Clock?.OneWayDelaySeconds,
        Here.Outlines.Count,
        There.Outlines.Count,
        Matches.GroupBy(m => m.By).ToDictionary(g => g.Key, g => g.Count()));
}
