using TsharkRst.Findings;
using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>The paired ladder of a RST: the packets this capture's ladder shows, each with its copy
/// in the other capture, and the packets only the other capture holds in the same time span (such as
/// a RST a device on the path sent the other way), each with what became of it on the path. Pure: no I/O.</summary>
public static class PathSteps
{
    /// <summary>Packets only the other capture holds, drawn at most: those nearest the RST.</summary>
    public const int ThereOnlyShown = 6;

    /// <summary>How long after this capture's last shown packet the other capture's packets still count:
    /// the RST a device sent the other way arrives there a little later.</summary>
    private const double AfterLastShown = 1.0;

    /// <returns>null when the ladder cannot be drawn on one clock: the connection is not in the other
    /// capture, which end each capture is cannot be told, or no packet is in both.</returns>
    public static PathLadder? Of(ResetSnapshot s, IReadOnlyList<LadderStep> ladder, CapturePairing pairing)
    {
        if (ladder.Count == 0 || pairing.Sides.Here == Side.Unknown || pairing.Clock is not { } clock ||
            pairing.For(s.Connection) is not { } c)
            return null;
        var start = s.Connection.Packets[0].Time;
        var offset = TimeSpan.FromTicks((long)Math.Round(clock.OffsetSeconds * TimeSpan.TicksPerSecond));
        var copies = c.Pairs.ToDictionary<PacketPair, PacketRow, PacketRow>(p => p.Here, p => p.There, ReferenceEqualityComparer.Instance);
        var pairedThere = c.Pairs.Select(p => p.There).ToHashSet(ReferenceEqualityComparer.Instance);
        var onlyHere = c.OnlyHere.ToHashSet(ReferenceEqualityComparer.Instance);
        var onlyThere = c.OnlyThere.ToHashSet(ReferenceEqualityComparer.Instance);
        var byFrame = s.Connection.Packets.ToDictionary(p => p.Frame);
        var hereSide = pairing.Sides.Here;
        var thereSide = pairing.Sides.There;

        var steps = new List<PathStep>();
        foreach (var step in ladder)
        {
            var p = byFrame[step.Frame];
            var copy = copies.GetValueOrDefault(p);
            steps.Add(new PathStep
            {
                Packet = step,
                FrameHere = p.Frame,
                FrameThere = copy?.Frame,
                Fate = copy is not null
                    ? PathFate.Crossed
                    : Fate(p, step.FromClient, hereSide, onlyHere.Contains(p), pairing.ThereCovers(p.Time) && !(pairing.There.Dropped > 0)),
                IsFirstRst = ReferenceEquals(p, s.Rst),
            });
        }

        var from = ladder[0].Offset;
        var to = ladder[^1].Offset + AfterLastShown;
        var rstAt = (s.Rst.Time - start).TotalSeconds;
        var thereOnly = c.Match.There.Packets
            .Where(t => !pairedThere.Contains(t))
            .Select(t => (Row: t, Offset: (t.Time - offset - start).TotalSeconds))
            .Where(t => t.Offset >= from && t.Offset <= to)
            .ToList();
        var shown = Enumerable.Range(0, thereOnly.Count).OrderBy(i => Math.Abs(thereOnly[i].Offset - rstAt)).Take(ThereOnlyShown).Order();
        foreach (var (row, at) in shown.Select(i => thereOnly[i]))
        {
            var fromClient = c.Match.ThereFromClient(row);
            steps.Add(new PathStep
            {
                Packet = LadderSteps.Step(row, at, fromClient, null),
                FrameThere = row.Frame,
                Fate = Fate(row, fromClient, thereSide, onlyThere.Contains(row),
                    pairing.Here.Covers(row.Time - offset) && !(pairing.Here.Dropped > 0)),
            });
        }

        // Stable: a packet of each capture at the same instant keeps this capture's first.
        var ordered = steps.OrderBy(x => x.Packet.Offset).ToList();
        var m = c.Match;
        return new PathLadder(hereSide, pairing.Here.Name, pairing.There.Name,
            m.Swapped ? m.There.Server : m.There.Client, m.Swapped ? m.There.Client : m.There.Server,
            clock.OffsetSeconds, clock.OneWayDelaySeconds, ordered)
        {
            ThereOnlyNotShown = Math.Max(0, thereOnly.Count - ThereOnlyShown),
        };
    }

    /// <summary>A packet one capture holds and the other does not: lost on the path when it was seen
    /// where it was sent, made on the path when it was seen where it arrived; nothing is told when the
    /// other capture holds its bytes cut differently, was not running, or dropped packets, nor for a
    /// pure ACK (stacks and offloads merge them).</summary>
    private static PathFate Fate(PacketRow p, bool fromClient, Side seenAt, bool missingThere, bool otherCaptureTells)
    {
        if (!missingThere)
            return PathFate.Crossed;
        var pureAck = p.PayloadLength == 0 && !p.Has(TcpFlags.Syn) && !p.Has(TcpFlags.Fin) && !p.Has(TcpFlags.Rst);
        if (!otherCaptureTells || pureAck)
            return PathFate.OneCapture;
        return (fromClient ? Side.Client : Side.Server) == seenAt ? PathFate.Dropped : PathFate.MadeOnPath;
    }
}
