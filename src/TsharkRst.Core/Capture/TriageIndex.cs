using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>What one pass over every packet of a capture learned without tshark: the packet count and
/// times, every TCP connection, what each address's packets looked like, the frames of DNS, and where
/// the file was damaged.</summary>
public sealed class TriageIndex
{
    public required long Packets { get; init; }

    /// <summary>The last frame number: more than <see cref="Packets"/> when blocks that are not packets (systemd
    /// journal entries) are numbered as frames too.</summary>
    public required long LastFrame { get; init; }

    /// <summary>Every frame number is a packet's, so a copy of every packet is numbered as the original is.</summary>
    public bool NumbersOnlyPackets => LastFrame == Packets;

    public required DateTimeOffset? First { get; init; }
    public required DateTimeOffset? Last { get; init; }
    public required ConnectionIndex Connections { get; init; }
    public required AddressProfiles Profiles { get; init; }

    /// <summary>DNS over UDP or TCP port 53, and UDP fragments (large DNS answers): the context a
    /// diagnosis names servers from.</summary>
    public required FrameList ContextFrames { get; init; }

    /// <summary>Frames (every 256th) a reader can jump to; none in a compressed capture.</summary>
    public IReadOnlyList<ResumePoint> ResumePoints { get; init; } = [];

    /// <summary>The capture's Decryption Secrets Blocks, which the focused capture must carry for tshark.</summary>
    public IReadOnlyList<DecryptionSecrets> Secrets { get; init; } = [];

    /// <summary>Where reading stopped early; what came before it is indexed.</summary>
    public CaptureDamage? Damage { get; init; }

    /// <summary>Frames in no connection of the index in which tshark still reads TCP (<see cref="DecodedPacket.HidesTcp"/>):
    /// it puts them in the stream of the connection they belong to.</summary>
    public long HiddenTcpFrames { get; init; }

    /// <summary>A link type the pass cannot decode (the pass stopped at its first frame): only tshark
    /// can read this capture.</summary>
    public int? UndecodedLinkType { get; init; }

    /// <summary>Every connection with its packets' numbers, when the pass was asked to keep them (a capture of a pair).</summary>
    public IReadOnlyList<ConnectionOutline>? Outlines { get; init; }

    public bool HasReset => Connections.ResetCount > 0;

    /// <summary>The frames tshark needs: every packet of every connection that carries a RST, and the DNS
    /// context. None when no connection was reset.</summary>
    /// <param name="partners">connections read as well: in a capture of a pair, those the other capture's reset
    /// connections match</param>
    public FrameSet FocusFrames(IReadOnlyCollection<int>? partners = null)
    {
        var frames = new FrameSet();
        if (!HasReset && partners is not { Count: > 0 })
            return frames;
        foreach (var connection in Connections)
            if (connection.HasReset)
                foreach (var frame in connection.Frames)
                    frames.Add(frame);
        foreach (var number in partners ?? [])
            foreach (var frame in Connections[number].Frames)
                frames.Add(frame);
        foreach (var frame in ContextFrames)
            frames.Add(frame);
        return frames;
    }
}
