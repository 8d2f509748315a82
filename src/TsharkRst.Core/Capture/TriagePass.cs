using System.Runtime.CompilerServices;
using TsharkRst.Connections;
using TsharkRst.Rows;

namespace TsharkRst.Capture;

/// <summary>Reads every packet of a capture once, at disk speed, and indexes it: the connections
/// (<see cref="ConnectionIndex"/>, the one connection identity tshark's rows later join by frame number), address profiles (hop counts
/// and MACs) from every TCP packet as <see cref="AddressProfiles.Add"/> takes them, and the DNS frames.</summary>
public static class TriagePass
{
    /// <summary>Frames between two resume points: copying the reset connections later reads at most
    /// this many frames before each of their packets, not the whole file again.</summary>
    private const int ResumeEvery = 256;

    /// <summary>The index of the capture, or null when it is neither pcap nor pcapng.</summary>
    /// <param name="outlines">given for a capture of a pair: every TCP packet's numbers are kept for matching</param>
    public static TriageIndex? Run(string path, CancellationToken cancellationToken = default, OutlineRecorder? outlines = null)
    {
        using var reader = CaptureReader.Open(path);
        return reader is null ? null : Run(reader, cancellationToken, outlines);
    }

    [MethodImpl(HotPath.Compilation)]
    public static TriageIndex Run(CaptureReader reader, CancellationToken cancellationToken = default, OutlineRecorder? outlines = null)
    {
        var connections = new ConnectionIndex();
        var profiles = new AddressProfiles();
        var context = new FrameList();
        var book = new AddressBook();
        var resumePoints = new List<ResumePoint>();
        var packets = 0L;
        var hiddenTcp = 0L;
        long? first = null, last = null;
        int? undecoded = null;

        while (reader.Read(out var frame))
        {
            if ((packets & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            packets++;
            if ((frame.Number & (ResumeEvery - 1)) == 0 && reader.CanResume)
                resumePoints.Add(new ResumePoint(frame.Number, frame.Offset, reader.Layout));
            first ??= frame.Nanoseconds;
            last = frame.Nanoseconds;
            if (!LinkType.IsDecoded(frame.Interface.LinkType))
            {
                undecoded = frame.Interface.LinkType;
                break;
            }
            var packet = PacketDecoder.Decode(frame.Interface.LinkType, frame.Data, frame.OriginalLength);
            if (packet.Kind == PacketKind.Tcp)
            {
                var source = new Endpoint(book.Address(packet.Source, packet.IsIpv6), packet.SourcePort);
                var destination = new Endpoint(book.Address(packet.Destination, packet.IsIpv6), packet.DestinationPort);
                var number = connections.Add(source, destination, frame.Number, frame.Nanoseconds, packet.Flags, packet.PayloadLength);
                outlines?.Add(number, source, frame.Number, frame.Nanoseconds, packet);
                var mac = packet.SourceMac is { } value ? book.Mac(value) : null;
                if (mac is not null)
                    profiles.ObserveMac(source.Address, mac, frame.Number);
                if ((packet.Flags & TcpFlags.Rst) == 0)
                    profiles.Observe(source.Address, packet.HopCount, mac);
            }
            else if (packet.HidesTcp)
            {
                hiddenTcp++;
            }
            if (packet.IsDns || packet.Kind == PacketKind.UdpFragment)
                context.Add(frame.Number);
        }

        connections.Complete();
        return new TriageIndex
        {
            Packets = packets,
            LastFrame = reader.LastFrame,
            Secrets = reader.Secrets,
            First = first is { } f ? CaptureClock.Time(f) : null,
            Last = last is { } l ? CaptureClock.Time(l) : null,
            Connections = connections,
            Profiles = profiles,
            ContextFrames = context,
            Damage = reader.Damage,
            HiddenTcpFrames = hiddenTcp,
            UndecodedLinkType = undecoded,
            ResumePoints = resumePoints,
            Outlines = outlines?.Outlines(connections),
        };
    }
}
