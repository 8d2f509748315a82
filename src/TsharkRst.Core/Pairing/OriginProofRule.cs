using System.Globalization;
using TsharkRst.Findings;
using TsharkRst.Rows;

namespace TsharkRst.Pairing;

/// <summary>Proves who made a RST from the capture at the other end: a RST that arrived here in a
/// side's name but is not in that side's own capture (taken while it was running) never left that
/// side, so a device between the capture points made it; one that is there left it. When this
/// capture is the claimed sender's own, it shows the RST leaving the sender. Also lists the packets
/// of the connection that left one end and never reached the other. Pure: no I/O.</summary>
public static class OriginProofRule
{
    /// <summary>Packets seen at one end only, listed one by one; the rest are counted.</summary>
    private const int PathNotes = 8;

    /// <summary>The same RST must be seen there within this time of here, once the clocks are aligned.</summary>
    private static readonly TimeSpan SameRstWindow = TimeSpan.FromSeconds(1);

    public static OriginProof Of(ResetSnapshot s, CapturePairing pairing)
    {
        var offset = pairing.Clock?.OffsetSeconds;
        var rst = s.Rst;
        if (pairing.For(s.Connection) is not { } c)
            return new OriginProof(new ResetPair(pairing.There.Name, null, null, offset), null, null,
                [new Evidence(rst.Frame, $"this connection is not in {pairing.There.Name}: nothing about this RST is proven by it")]);

        var evidence = new List<Evidence> { MatchNote(c, pairing) };
        var same = SameRst(rst, c, pairing);
        var here = pairing.Sides.Here;
        var there = pairing.Sides.There;
        var sender = s.SentBy;
        var who = sender == Side.Client ? "client" : "server";
        var covered = pairing.ThereCovers(rst.Time);
        bool? left = null;
        Origin? proven = null;
        string? words = null;
        string note;
        if (sender == Side.Unknown || here == Side.Unknown)
        {
            note = same is not null
                ? $"the same RST is frame {N(same.Frame)} of {pairing.There.Name}, but which end each capture was taken at cannot be told"
                : $"not in {pairing.There.Name}, but which end each capture was taken at cannot be told";
        }
        else if (there == sender)
        {
            var thereWords = CapturePairing.SideWords(there);
            if (same is not null)
            {
                (left, proven) = (true, Origin.Endpoint);
                words = $"proven by the {thereWords} capture, where it leaves the {who}";
                note = $"the same RST is frame {N(same.Frame)} of {pairing.ThereWords}: it left the {who}";
            }
            else if (covered && pairing.There.Dropped > 0)
            {
                note = $"not in {pairing.ThereWords}, but that capture dropped {N(pairing.There.Dropped.Value)} packets: its missing RST proves nothing";
            }
            else if (covered)
            {
                (left, proven) = (false, Origin.Middlebox);
                words = $"proven by the {thereWords} capture: the {who} never sent it";
                note = $"not in {pairing.ThereWords}, which was capturing at the time: this RST never left the {who}; " +
                       "a device between the two capture points made it";
            }
            else
            {
                note = $"not in {pairing.ThereWords}, but that capture was not running at the time (or shows nothing that says so): nothing is proven by it";
            }
        }
        else
        {
            proven = Origin.Endpoint;
            var hereWords = CapturePairing.SideWords(here);
            words = $"proven by the {hereWords} capture (this one), where it leaves the {who}";
            note = $"this is the {hereWords} capture: the RST left the {who} here" + (same is not null
                ? $" and reached {pairing.ThereWords} as frame {N(same.Frame)}"
                : covered
                    ? $" and never reached {pairing.ThereWords}: lost on the path"
                    : $"; {pairing.ThereWords} was not running when it would have arrived");
        }
        evidence.Add(new Evidence(rst.Frame, note));
        evidence.AddRange(OneEndOnly(c, pairing, rst));
        return new OriginProof(new ResetPair(pairing.There.Name, same?.Frame, left, offset), proven, words, evidence);
    }

    /// <summary>The RST's own copy in the other capture: the packet paired with it, if that was seen there when the clocks say it should be.</summary>
    private static PacketRow? SameRst(PacketRow rst, PacketCorrespondence c, CapturePairing pairing)
    {
        var pair = c.Pairs.FirstOrDefault(p => ReferenceEquals(p.Here, rst));
        if (pair is null || pairing.ThereTime(rst.Time) is not { } expected)
            return pair?.There;
        return (pair.There.Time - expected).Duration() <= SameRstWindow ? pair.There : null;
    }

    private static Evidence MatchNote(PacketCorrespondence c, CapturePairing pairing)
    {
        var m = c.Match;
        var frames = m.There.Packets.Count == 1
            ? $"frame {N(m.There.Packets[0].Frame)}"
            : $"frames {N(m.There.Packets[0].Frame)}–{N(m.There.Packets[^1].Frame)}";
        var how = m.By switch
        {
            MatchBasis.Endpoints => "matched by endpoints",
            MatchBasis.SequenceNumbers => $"matched by initial sequence numbers ({Rewritten(m)}: NAT)",
            _ => "matched by payload lengths and timing (sequence numbers rewritten on the path)",
        };
        return new Evidence(m.Here.Packets[0].Frame, $"the same connection as {frames} of {pairing.ThereWords}, {how}");
    }

    private static string Rewritten(ConnectionMatch m)
    {
        var client = m.Swapped ? m.There.Server : m.There.Client;
        var server = m.Swapped ? m.There.Client : m.There.Server;
        var changed = new List<string>();
        if (!Equals(client, m.Here.Client))
            changed.Add($"the client is {client} there");
        if (!Equals(server, m.Here.Server))
            changed.Add($"the server is {server} there");
        return changed.Count == 0 ? "the same endpoints" : string.Join(", ", changed);
    }

    /// <summary>Packets that left one end and never reached the other, and packets that reached one end in the other's name without leaving it.</summary>
    private static IEnumerable<Evidence> OneEndOnly(PacketCorrespondence c, CapturePairing pairing, PacketRow rst)
    {
        var here = pairing.Sides.Here;
        if (here == Side.Unknown || pairing.Clock is not { } clock)
            yield break;
        var there = pairing.Sides.There;
        var notes = new List<Evidence>();
        foreach (var p in c.OnlyHere.Where(p => !ReferenceEquals(p, rst) && Counts(p) && pairing.ThereCovers(p.Time)))
        {
            var from = c.Match.Here.IsFromClient(p) ? Side.Client : Side.Server;
            notes.Add(new Evidence(p.Frame, from == here
                ? $"{What(p)} left the {Who(from)} and never reached {pairing.ThereWords}: dropped on the path"
                : $"{What(p)} arrived in the {Who(from)}'s name but is not in {pairing.ThereWords}: it never left the {Who(from)}, a device on the path made it"));
        }
        var offset = TimeSpan.FromTicks((long)Math.Round(clock.OffsetSeconds * TimeSpan.TicksPerSecond));
        foreach (var p in c.OnlyThere.Where(p => Counts(p) && pairing.Here.Covers(p.Time - offset)))
        {
            var from = c.Match.ThereFromClient(p) ? Side.Client : Side.Server;
            var when = p.Time - offset;
            var at = c.Match.Here.Packets.FirstOrDefault(h => h.Time >= when) ?? c.Match.Here.Packets[^1];
            var name = $"{CapturePairing.SideWords(there)} frame {N(p.Frame)} ({What(p)})";
            notes.Add(new Evidence(at.Frame, from == there
                ? $"{name} left the {Who(from)} and never arrived here: dropped on the path"
                : $"{name} reached the {Who(there)} in the {Who(from)}'s name but never left the {Who(from)}: a device on the path made it"));
        }
        foreach (var note in notes.Take(PathNotes))
            yield return note;
        if (notes.Count > PathNotes)
            yield return new Evidence(notes[PathNotes].Frame, $"and {N(notes.Count - PathNotes)} more packets seen at one end only");
    }

    /// <summary>Pure ACKs are left out: stacks and offloads merge them, so a missing one says little.</summary>
    private static bool Counts(PacketRow p) => p.PayloadLength > 0 || p.Has(TcpFlags.Syn) || p.Has(TcpFlags.Fin) || p.Has(TcpFlags.Rst);

    private static string What(PacketRow p)
    {
        var parts = new List<string>();
        if (p.Has(TcpFlags.Syn))
            parts.Add(p.Has(TcpFlags.Ack) ? "SYN-ACK" : "SYN");
        if (p.Has(TcpFlags.Fin))
            parts.Add("FIN");
        if (p.Has(TcpFlags.Rst))
            parts.Add("RST");
        if (p.PayloadLength > 0)
            parts.Add($"{N(p.PayloadLength)} bytes of data");
        return string.Join(" with ", parts);
    }

    private static string Who(Side side) => side == Side.Client ? "client" : "server";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
