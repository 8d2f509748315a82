using System.Globalization;
using TsharkRst.Capture;
using TsharkRst.Rows;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Capture;

/// <summary>The triage pass reads every packet as tshark dissects it: the same frames and times, and
/// for every TCP segment the same addresses, ports, flags, numbers, payload length, hop count, IP version and MAC
/// (so a pair's outlines from the pass are those tshark's rows would make).</summary>
public class TriageAgreesWithTsharkTests
{
    public static TheoryData<string> Fixtures => new(FixtureAnalyses.Scenarios);

    public static TheoryData<string> Samples => new(LinkTypeSamples.All.Keys);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_packet_of_each_lab_capture_reads_as_tshark_reads_it(string scenario)
    {
        var differences = await DifferencesAsync(FixtureAnalyses.CapturePath(scenario));
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_link_type_and_header_shape_reads_as_tshark_reads_it(string sample)
    {
        using var folder = new TemporaryFolder("tsharkrst-linktypes-");
        var path = Path.Combine(folder.FullName, sample + ".pcap");
        await File.WriteAllBytesAsync(path, LinkTypeSamples.All[sample]);
        var differences = await DifferencesAsync(path);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static async Task<List<string>> DifferencesAsync(string path)
    {
        var rows = new List<PacketRow>();
        await TsharkDissection.RunAsync(TsharkProgram.Default, path, TsharkFields.BuiltIn, r => rows.Add(r.Row), null, CancellationToken.None);
        var book = new AddressBook();
        var decoded = new Dictionary<long, (DecodedPacket Packet, DateTimeOffset Time)>();
        using (var reader = CaptureReader.Open(path)!)
        {
            while (reader.Read(out var frame))
                decoded[frame.Number] = (PacketDecoder.Decode(frame.Interface.LinkType, frame.Data, frame.OriginalLength), frame.Time);
            Assert.Null(reader.Damage);
        }

        var differences = new List<string>();
        if (decoded.Count != rows.Count)
            differences.Add($"{decoded.Count} frames read, tshark printed {rows.Count} rows");
        foreach (var row in rows)
        {
            var (packet, time) = decoded[row.Frame];
            void Compare(string field, object? tshark, object? triage)
            {
                if (!Equals(tshark, triage))
                    differences.Add($"frame {row.Frame}, {field}: tshark {tshark ?? "(none)"}, triage {triage ?? "(none)"}");
            }
            Compare("time", row.Time, time);
            Compare("is TCP", row.IsTcp, packet.Kind == PacketKind.Tcp);
            // Port 53 is DNS to the triage pass even where tshark finds nothing to dissect (a bare SYN).
            if (row.Carries("dns"))
                Compare("is DNS", true, packet.IsDns);
            if (!row.IsTcp || packet.Kind != PacketKind.Tcp)
                continue;
            Compare("source", row.Source, book.Address(packet.Source, packet.IsIpv6));
            Compare("destination", row.Destination, book.Address(packet.Destination, packet.IsIpv6));
            Compare("ports", (row.SourcePort, row.DestinationPort), ((int?)packet.SourcePort, (int?)packet.DestinationPort));
            Compare("flags", row.Flags, packet.Flags);
            Compare("seq", row.Seq, packet.Seq);
            Compare("ack", row.Ack, packet.Ack);
            Compare("payload length", row.PayloadLength, packet.PayloadLength);
            Compare("hop count", row.HopCount, packet.HopCount);
            Compare("IPv6", row.IsIpv6, packet.IsIpv6);
            Compare("source MAC", row.SourceMac, packet.SourceMac is { } mac ? book.Mac(mac) : null);
        }
        return differences;
    }
}
