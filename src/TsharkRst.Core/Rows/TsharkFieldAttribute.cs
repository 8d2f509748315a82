namespace TsharkRst.Rows;

/// <summary>Which occurrence of a field a single-valued property keeps when a packet carries the
/// field more than once (a tunnel has two IP headers: the inner one is last).</summary>
public enum Occurrence
{
    First,
    Last,
}

/// <summary>Binds a <see cref="PacketRow"/> property to one line of tshark-fields.txt.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TsharkFieldAttribute(string name, Occurrence occurrence = Occurrence.Last) : Attribute
{
    public string Name { get; } = name;

    public Occurrence Occurrence { get; } = occurrence;

    /// <summary>Kept only on rows with TCP payload (read after <c>tcp.len</c>, which comes first in the list):
    /// a summary of every bare ACK and RST would only take memory while rows are in flight.</summary>
    public bool PayloadOnly { get; init; }
}
