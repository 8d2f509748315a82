using System.Globalization;

namespace TsharkRst.Findings;

/// <summary>A device nearer the capture point than the sender reaches it in fewer hops. Hop distances
/// are compared (never raw TTLs), within the connection, or, when the sender sent nothing else in it,
/// with its packets in other connections. Those count less (a load balancer or a virtual address over
/// several backends answers for one address): they can claim a RST answering a SYN, or one made by
/// the same kind of stack; another stack nearer the capture point, answering mid-connection for a
/// service the capture never showed, may be that service's own front end.</summary>
public static class HopDistanceCheck
{
    /// <summary>An address whose own packets arrive from more distances than this gives no yardstick.</summary>
    private const int MaxSteadyDistances = 2;

    public static void Check(OriginSubject s, OriginCase c)
    {
        if (s.Rst.HopCount is not { } seen)
            return;
        var rst = new HopDistance(seen);
        var name = s.Rst.IsIpv6 ? "hop limit" : "TTL";
        var own = s.Own.Select(p => p.HopCount).OfType<int>().Distinct().Select(h => new HopDistance(h)).ToList();
        if (own.Count > 0)
            InConnection(s, c, rst, own, name);
        else
            Elsewhere(s, c, rst, s.Profiles.HopCounts(s.Rst.Source!).Select(h => new HopDistance(h)).ToList(), name);
    }

    private static void InConnection(OriginSubject s, OriginCase c, HopDistance rst, List<HopDistance> own, string name)
    {
        if (FrontStack(s, rst, own, name) is { } front)
        {
            c.Against(s.Rst.Frame, front, SignalWeight.Strong, SignalFamily.HopDistance);
            c.ByFrontEnd();
            return;
        }
        var same = own.Where(d => d.Hops == rst.Hops).ToList();
        if (same.Count > 0)
        {
            c.Agrees(SenderMatch.HopInConnection);
            if (rst.Hops == 0)
                c.Agrees(SenderMatch.OnSender);
            if (same.All(d => d.Initial != rst.Initial))
                c.Explain(s.Rst.Frame, $"RST {name} {rst}, the {s.Who}'s own packets {name} {same[0]}: the same distance from " +
                                       "another initial value, one host whose kernel and application start from different values");
            return;
        }
        // An address whose packets arrive from many distances gives no yardstick for a mismatch.
        var distances = own.Select(d => d.Hops).Distinct().Order().ToList();
        var capture = s.Profiles.HopCounts(s.Rst.Source!).Select(h => new HopDistance(h).Hops).Distinct().Order().ToList();
        if (distances.Count > MaxSteadyDistances || capture.Count > MaxSteadyDistances)
        {
            var varied = distances.Count > MaxSteadyDistances ? distances : capture;
            c.Explain(s.Rst.Frame, $"the {s.Who}'s own packets arrive from {varied.Count} hop distances ({Join(varied)}), as crafted " +
                                   $"packets or a changing path do: no yardstick for the RST's {name}");
            return;
        }
        var where = $"RST {name} {rst}, the {s.Who}'s own packets in this connection {name} {Join(own)}";
        if (s.ResetsUnaskedSynAck)
            c.Explain(s.Rst.Frame, $"{where}: the client's kernel answering the SYN-ACK of a SYN it did not send through a socket, " +
                                   "beside a raw sender that sets its own TTL (a half-open prober)");
        else
            c.Against(s.Rst.Frame, $"{where}: made {Offset(rst, own)} than the {s.Who}", SignalWeight.Strong, SignalFamily.HopDistance);
    }

    /// <summary>Two stacks answer for one address when a device in front of it (a SYN proxy, a load balancer)
    /// makes the handshake and the host behind it sends the data. A RST from the front one, not from the
    /// stack that sent the data, was made by that device.</summary>
    private static string? FrontStack(OriginSubject s, HopDistance rst, List<HopDistance> own, string name)
    {
        var data = s.Own.Where(p => p.PayloadLength > 0).Select(p => p.HopCount).OfType<int>().Select(h => new HopDistance(h)).ToList();
        var dataHops = data.Select(d => d.Hops).Distinct().ToList();
        if (dataHops.Count != 1 || dataHops[0] == rst.Hops || own.All(d => d.Hops != rst.Hops))
            return null;
        return $"RST {name} {rst}, as the {s.Who}'s handshake came, while its data in this connection came with {name} " +
               $"{data[0]}: the front end that answered the handshake for {s.Rst.Source} (a load balancer or proxy) made it, not the host " +
               "that sent the data";
    }

    private static void Elsewhere(OriginSubject s, OriginCase c, HopDistance rst, List<HopDistance> elsewhere, string name)
    {
        var distances = elsewhere.Select(d => d.Hops).Distinct().ToList();
        if (distances.Count is 0 or > MaxSteadyDistances)
            return;
        if (distances.Contains(rst.Hops))
        {
            c.Agrees(SenderMatch.HopElsewhere);
            return;
        }
        var where = $"RST {name} {rst}, the {s.Who}'s packets in other connections of this capture {name} {Join(elsewhere)}";
        if (rst.Hops > distances.Min())
        {
            c.Explain(s.Rst.Frame, $"{where}: made farther than the {s.Who}, which a longer path back or another host " +
                                   "behind the same address explains");
            return;
        }
        if (s.AnswersSyn || elsewhere.Any(d => d.Initial == rst.Initial))
            c.Against(s.Rst.Frame, $"{where}: made {Offset(rst, elsewhere)} than the {s.Who}", SignalWeight.Moderate, SignalFamily.HopDistance);
        else
            c.Explain(s.Rst.Frame, $"{where}: another kind of stack {Offset(rst, elsewhere)}, which a front end of this service (a load " +
                                   "balancer or TLS terminator) explains as well as a device on the path");
    }

    private static string Offset(HopDistance rst, IReadOnlyList<HopDistance> own)
    {
        var nearest = own.Select(d => d.Hops).Min();
        var hops = Math.Abs(nearest - rst.Hops);
        var words = $"{hops.ToString(CultureInfo.InvariantCulture)} {(hops == 1 ? "hop" : "hops")}";
        return rst.Hops < nearest ? $"{words} closer" : $"{words} farther";
    }

    private static string Join(IEnumerable<HopDistance> distances) => string.Join(" / ", distances.OrderByDescending(d => d.Seen));

    private static string Join(IEnumerable<int> hops) => string.Join(", ", hops);
}
