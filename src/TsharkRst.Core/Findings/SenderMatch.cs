namespace TsharkRst.Findings;

/// <summary>A way the RST agrees with its claimed sender's own packets.</summary>
public enum SenderMatch
{
    /// <summary>The same hop distance as the sender's packets in this connection.</summary>
    HopInConnection,

    /// <summary>The same source MAC as the sender's frames in this connection.</summary>
    MacInConnection,

    /// <summary>The RST's IP ID is the next value of the sender's own counter in this connection.</summary>
    IpIdRun,

    /// <summary>Matches the sender's packets in other connections of the capture only.</summary>
    HopElsewhere,

    MacElsewhere,

    /// <summary>The capture was taken on the sender or its segment: its packets carry the initial TTL
    /// unreduced, and so does the RST, with the sender's MAC.</summary>
    OnSender,

    /// <summary>The packet is a damaged or crafted segment of the sender's own stream, which runs on through it.</summary>
    OwnStream,

    /// <summary>Both ends are loopback addresses: nothing lies between them.</summary>
    Loopback,
}
