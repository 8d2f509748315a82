namespace TsharkRst.Findings;

/// <summary>How much one origin signal can carry on its own (spec "Origin").</summary>
public enum SignalWeight
{
    /// <summary>A trait a genuine kernel reset can have too: it only corroborates.</summary>
    Weak,

    /// <summary>A comparison with the sender's packets in other connections only (load balancers and
    /// ECMP make those weaker): a claim with low confidence.</summary>
    Moderate,

    /// <summary>The RST contradicts the sender's own packets in this connection.</summary>
    Strong,

    /// <summary>The packets prove it: the receiver refused the RST while the sender went on.</summary>
    Proof,
}
