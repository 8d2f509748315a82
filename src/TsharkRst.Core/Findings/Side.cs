using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>A side of a connection, as the spec's <c>sentBy</c> and alert <c>by</c> name it.</summary>
public enum Side
{
    [Description("The side that sent the first SYN.")]
    Client,
    [Description("The other side.")]
    Server,
    [Description("Neither side's address.")]
    Unknown,
}
