using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>IPv4 IDs. A sender that counts its IDs up in this connection and whose RST continues the
/// count built that RST; a device that builds its RST from the packet it answers may copy that
/// packet's ID. Senders whose IDs are constant (crafted traffic), zero, or copied from their peer have
/// no pattern to continue or break, and kernels give their own RSTs ID 0.</summary>
public static class IpIdCheck
{
    /// <summary>How far an IP ID counter may move between the sender's last packet and its RST.</summary>
    private const int Drift = 64;

    public static void Check(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        if (rst.IsIpv6 || rst.IpId is not { } id)
            return;
        var own = s.Own.Where(p => !p.IsIpv6).Select(p => p.IpId).OfType<int>().ToList();
        var counted = s.OwnBefore.Where(p => !p.IsIpv6).Select(p => p.IpId).OfType<int>().Where(v => v != 0).ToList();
        var counter = IsCounter(counted);
        if (counted.Count > 0 && (counter || counted.Count == 1) && Ahead(counted[^1], id) is > 0 and <= Drift)
        {
            c.Agrees(SenderMatch.IpIdRun);
            return;
        }
        Copied(s, c, id, own);
        if (counter && !(id == 0 && own.Contains(0)))
            c.Against(rst.Frame, $"RST IP ID 0x{id:x4}, the {s.Who}'s own packets counted up to 0x{counted[^1]:x4}",
                SignalWeight.Weak, SignalFamily.IpId);
    }

    private static void Copied(OriginSubject s, OriginCase c, int id, List<int> own)
    {
        if (id == 0 || s.Snapshot.Answered is not { } answered || answered.IpId != id)
            return;
        if (own.Count == 0)
            return;
        if (own.Distinct().Count() == 1)
        {
            c.Explain(s.Rst.Frame, $"RST IP ID 0x{id:x4} equals that of frame {answered.Frame}, but the {s.Who}'s own packets all " +
                                   $"carry IP ID 0x{own[0]:x4}: crafted traffic, nothing to copy");
            return;
        }
        if (own.Contains(id))
            return;
        if (EchoesPeer(s))
        {
            c.Explain(s.Rst.Frame, $"RST IP ID 0x{id:x4} equals that of frame {answered.Frame}, but the {s.Who} copies its peer's " +
                                   "IP ID into its own packets too");
            return;
        }
        c.Against(s.Rst.Frame, $"RST IP ID 0x{id:x4} copies the IP ID of the packet it answers (frame {answered.Frame}), which the " +
                               $"{s.Who}'s own packets, whose IDs vary, never carry: a device built it from that packet",
            SignalWeight.Strong, SignalFamily.IpId);
    }

    /// <summary>At least two distinct IDs, each a small step past the one before: a counter.</summary>
    private static bool IsCounter(List<int> ids) =>
        ids.Distinct().Count() >= 2 && ids.Zip(ids.Skip(1)).All(pair => Ahead(pair.First, pair.Second) is >= 0 and <= Drift);

    /// <summary>A sender whose packets carry the IP ID of the peer's packet just before them.</summary>
    private static bool EchoesPeer(OriginSubject s)
    {
        var packets = s.Snapshot.Connection.Packets;
        var echoes = 0;
        for (var i = 1; i < packets.Count; i++)
            if (s.FromSender(packets[i]) && !packets[i].Has(TcpFlags.Rst) && !s.FromSender(packets[i - 1]) &&
                packets[i].IpId is { } mine && mine == packets[i - 1].IpId)
                echoes++;
        return echoes >= 2;
    }

    private static int Ahead(int from, int to) => (to - from + 65536) % 65536;
}
