using System.Globalization;
using System.Text.RegularExpressions;
using TsharkRst.Rows;

namespace TsharkRst.Findings;

/// <summary>A RST that names its maker: an F5 BIG-IP's reset cause in its payload, a Citrix ADC's reset
/// code in its window, a published injector fingerprint, or other text (RFC 9293 3.5.3 allows a RST
/// to carry diagnostic data). A named device made the RST, so it is origin evidence, except where the
/// device says it passes on the other side's reset. Sources are in README ("Devices that sign their
/// RSTs").</summary>
public static partial class DeviceCheck
{
    public static void Check(OriginSubject s, OriginCase c)
    {
        // A damaged segment of the sender's own stream names nothing.
        if (c.Has(SenderMatch.OwnStream))
            return;
        var rst = s.Rst;
        if (BigIp(rst, c) || NetScaler(s, c) || Injector(s, c) || Text(rst) is not { } text)
            return;
        c.Names(new ResetDevice(null, text, rst.Frame));
        c.Explain(rst.Frame, $"RST payload \"{text}\": text the RST carries about its cause, naming no device");
    }

    /// <summary>tm.rstcause.pkt: "BIG-IP: [0x&lt;id&gt;:&lt;line&gt;] [{peer} ]&lt;cause&gt;" (F5 K13223).</summary>
    private static bool BigIp(PacketRow rst, OriginCase c)
    {
        if (rst.ResetCause is not { } text || BigIpCause().Match(text) is not { Success: true } match)
            return false;
        var cause = match.Groups["cause"].Value;
        if (match.Groups["peer"].Success)
        {
            c.Names(new ResetDevice(ResetDevice.BigIp, $"{cause} (passing on the other side's reset)", rst.Frame));
            c.Explain(rst.Frame, $"RST payload \"{text}\": an F5 BIG-IP passing on a reset from the other side of the proxy");
            return true;
        }
        c.Names(new ResetDevice(ResetDevice.BigIp, cause, rst.Frame));
        c.Against(rst.Frame, $"RST payload \"{text}\": an F5 BIG-IP's reset cause, so a BIG-IP made this RST",
            SignalWeight.Strong, SignalFamily.Device);
        return true;
    }

    /// <summary>A window value from the ADC's table that the sender's own packets never carry (some stacks
    /// copy their live window into RSTs; Linux and Windows send 0).</summary>
    private static bool NetScaler(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        if (rst.Window is not { } window || NetScalerCodes.Meaning(window) is not { } meaning || s.Own.Any(p => p.Window == window))
            return false;
        var code = window.ToString(CultureInfo.InvariantCulture);
        c.Names(new ResetDevice(ResetDevice.NetScaler, $"reset code {code}: {meaning}", rst.Frame));
        if (NetScalerCodes.IsRelay(window))
            c.Explain(rst.Frame, $"RST window {code} is a Citrix ADC (NetScaler) reset code: the ADC {meaning}");
        else
            c.Against(rst.Frame, $"RST window {code} is a Citrix ADC (NetScaler) reset code, {meaning}: the ADC made this RST",
                SignalWeight.Strong, SignalFamily.Device);
        return true;
    }

    /// <summary>Published fingerprints of the Great Firewall's forged RSTs: the 2010 ones read from the
    /// West Chamber project's fingerprint.c, the 2025 triplet from gfw.report.</summary>
    private static bool Injector(OriginSubject s, OriginCase c)
    {
        var rst = s.Rst;
        string? trait = null;
        if (!rst.IsIpv6 && rst.TcpHeaderLength == 20 && rst is { Window: > 0 and var window, IpId: { } id })
        {
            if (!rst.Has(TcpFlags.Ack) && !rst.DontFragment && id == 64 && window % 17 == 0)
                trait = $"RST without ACK, no options, no DF, IP ID 64 and window {window} (a multiple of 17)";
            else if (rst.Has(TcpFlags.Ack) && rst.DontFragment && (id == (ushort)(-1 - window * 13) || (id + window * 79) % 65536 == 62753))
                trait = $"RST+ACK without options, DF set, IP ID {id} computed from its window {window}";
        }
        var burst = s.Burst();
        if (trait is null && burst.Count >= 3 && burst.Take(3).All(p => p.Has(TcpFlags.Ack) && p.Window is > 0) &&
            burst[1].Window == burst[0].Window + 1 && burst[2].Window == burst[0].Window + 2)
            trait = $"three RST+ACKs with windows {burst[0].Window}, {burst[1].Window}, {burst[2].Window} (frames {burst[0].Frame}, {burst[1].Frame}, {burst[2].Frame})";
        if (trait is null)
            return false;
        c.Names(new ResetDevice("on-path injector (a Great Firewall fingerprint)", trait, rst.Frame));
        c.Against(rst.Frame, $"{trait}: a published fingerprint of the Great Firewall's forged RSTs", SignalWeight.Strong, SignalFamily.Device);
        return true;
    }

    /// <summary>Readable text the RST carries, a line or two at most; binary data (some stacks quote the
    /// packet they answer) and a page of application data are no diagnostic.</summary>
    private static string? Text(PacketRow rst)
    {
        if (rst.ResetCause is not { Length: > 0 } text || rst.PayloadLength > 160)
            return null;
        var escapes = EscapedByte().Matches(text).Count;
        var letters = text.Count(char.IsLetter);
        if (letters < 4 || escapes * 4 > text.Length / 10 || text.Any(ch => char.IsControl(ch)))
            return null;
        return text.Length <= 160 ? text : text[..160] + "…";
    }

    [GeneratedRegex(@"^BIG-IP: \[0x[0-9A-Fa-f]+:[0-9]+\] (?<peer>\{peer\} )?(?<cause>.+)$")]
    private static partial Regex BigIpCause();

    [GeneratedRegex(@"\\x[0-9A-Fa-f]{2}")]
    private static partial Regex EscapedByte();
}
