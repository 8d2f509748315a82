using System.ComponentModel;

namespace TsharkRst.Findings;

/// <summary>Whether the side whose address the RST carries really sent it.</summary>
public enum Origin
{
    [Description("The RST is consistent with the claimed sender's own packets.")]
    Endpoint,
    [Description("The RST is inconsistent with the claimed sender's own packets: something on the path made it.")]
    Middlebox,
    [Description("Nothing to compare the RST with.")]
    Unknown,
}
