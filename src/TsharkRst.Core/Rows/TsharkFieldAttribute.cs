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
}
