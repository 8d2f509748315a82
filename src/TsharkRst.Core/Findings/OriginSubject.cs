using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>What every origin check reads: the RST, its claimed sender's own packets in this
/// connection, the other side's, and what the rest of the capture showed of each address.</summary>
public sealed class OriginSubject
{
    /// <summary>How far past the highest number seen a genuine RST may be (data sent but not captured).</summary>
    public const uint UnseenDataAllowance = 1 << 20;

    public OriginSubject(ResetSnapshot snapshot, AddressProfiles profiles)
    {
        Snapshot = snapshot;
        Profiles = profiles;
        var fromClient = snapshot.IsFromClient(snapshot.Rst);
        Own = snapshot.Connection.Packets.Where(p => snapshot.IsFromClient(p) == fromClient && !p.Has(TcpFlags.Rst)).ToList();
        OwnBefore = Own.Where(p => p.Frame < Rst.Frame).ToList();
        Peer = snapshot.Connection.Packets.Where(p => snapshot.IsFromClient(p) != fromClient).ToList();
        PeerBefore = Peer.Where(p => p.Frame < Rst.Frame).ToList();
    }

    public ResetSnapshot Snapshot { get; }

    public AddressProfiles Profiles { get; }

    public PacketRow Rst => Snapshot.Rst;

    public string Who => Snapshot.SentBy == Side.Client ? "client" : "server";

    /// <summary>The claimed sender's non-RST packets in this connection, before and after the RST.</summary>
    public IReadOnlyList<PacketRow> Own { get; }

    public IReadOnlyList<PacketRow> OwnBefore { get; }

    /// <summary>The other side's packets, RSTs included.</summary>
    public IReadOnlyList<PacketRow> Peer { get; }

    public IReadOnlyList<PacketRow> PeerBefore { get; }

    /// <summary>The RST answers a SYN: its sender cannot have sent anything else in this connection.</summary>
    public bool AnswersSyn => Snapshot.Syn is not null && Snapshot.SynAck is null && Own.Count == 0;

    /// <summary>The client reset the SYN-ACK with that SYN-ACK's ACK number before the handshake completed:
    /// what a kernel does for a SYN it did not send through a socket, as a half-open prober's raw one.</summary>
    public bool ResetsUnaskedSynAck => Snapshot is { SentBy: Side.Client, SynAck: { } synAck, HandshakeComplete: false } &&
                                       synAck.Ack == Rst.Seq;

    /// <summary>RSTs this close together from one side are one burst.</summary>
    public static readonly TimeSpan BurstGap = TimeSpan.FromMilliseconds(100);

    /// <summary>The first RST and the sender's RSTs that follow it within <see cref="BurstGap"/> of each
    /// other, before the sender sends anything else.</summary>
    public IReadOnlyList<PacketRow> Burst()
    {
        var burst = new List<PacketRow> { Rst };
        foreach (var p in Snapshot.Connection.Packets.Skip(Snapshot.RstIndex + 1))
        {
            if (p.Time - burst[^1].Time > BurstGap)
                break;
            if (!FromSender(p))
                continue;
            if (!p.Has(TcpFlags.Rst))
                break;
            burst.Add(p);
        }
        return burst;
    }

    public bool FromSender(PacketRow packet) => Snapshot.IsFromClient(packet) == Snapshot.IsFromClient(Rst);

    /// <summary>The latest of the other side's packets before <paramref name="rst"/> whose ACK is that
    /// RST's sequence number: the segment it answers (RFC 9293, 3.10.7).</summary>
    public PacketRow? SegmentAnsweredBy(PacketRow rst) =>
        rst.Seq is { } seq ? Peer.LastOrDefault(p => p.Frame < rst.Frame && p.Has(TcpFlags.Ack) && p.Ack == seq) : null;

    /// <summary>The sender's highest next sequence number, from its own packets before
    /// <paramref name="frame"/> and from what the other side acknowledged (which proves data the
    /// capture may not hold); null when neither is known.</summary>
    public uint? NextSeqBefore(long frame)
    {
        uint? next = null;
        foreach (var p in Own.Where(p => p.Frame < frame && p.Seq is not null))
            next = Later(next, SeqSpace.Next(p));
        foreach (var p in Peer.Where(p => p.Frame < frame && p.Has(TcpFlags.Ack) && p.Ack is not null))
            next = Later(next, p.Ack!.Value);
        return next;
    }

    private static uint Later(uint? a, uint b) => a is { } x && SeqSpace.After(x, b) ? x : b;
}
