namespace TsharkRst.Findings;

/// <summary>Source MAC: the claimed sender's frames in this connection all reach the capture point from
/// one interface (its own, or its last router's). When it sent nothing else in this connection, its
/// frames in other connections are compared; they can claim only a RST answering a SYN, and weakly
/// (another router may carry them).</summary>
public static class MacCheck
{
    public static void Check(OriginSubject s, OriginCase c)
    {
        if (s.Rst.SourceMac is not { } mac)
            return;
        var own = s.Own.Select(p => p.SourceMac).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (own.Count > 1)
        {
            c.Explain(s.Rst.Frame, $"the {s.Who}'s own frames in this connection come from {own.Count} MACs ({string.Join(", ", own)}): " +
                                   "no yardstick for the RST's");
            return;
        }
        if (own.Count == 1)
        {
            if (own[0] == mac)
                c.Agrees(SenderMatch.MacInConnection);
            else
                c.Against(s.Rst.Frame, $"RST from MAC {mac}, the {s.Who}'s own frames in this connection from {own[0]}",
                    SignalWeight.Strong, SignalFamily.Mac);
            return;
        }
        var elsewhere = s.Profiles.Macs(s.Rst.Source!);
        if (elsewhere.Count != 1)
            return;
        if (elsewhere.Contains(mac))
            c.Agrees(SenderMatch.MacElsewhere);
        else if (s.AnswersSyn)
            c.Against(s.Rst.Frame, $"RST from MAC {mac}, the {s.Who}'s frames in other connections of this capture from {elsewhere.Single()}",
                SignalWeight.Moderate, SignalFamily.Mac);
    }
}
