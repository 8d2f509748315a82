using System.Buffers.Binary;

namespace TsharkRst.Capture;

/// <summary>An IP address as 128 bits, IPv4 in the low 32, ordered as an unsigned number. Not <see cref="UInt128"/>: the
/// ReadyToRun compiler leaves every method that passes one (or a struct holding one) to the JIT, and so the triage pass
/// started as unoptimised code at every run.</summary>
public readonly record struct AddressBits(ulong High, ulong Low) : IComparable<AddressBits>
{
    public static AddressBits Ipv4(uint address) => new(0, address);

    public static AddressBits Ipv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    public void WriteIpv6(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
    }

    // Seeded per process, as UInt128's is: the tables keyed on addresses probe linearly, and a capture is untrusted input.
    public override int GetHashCode() => HashCode.Combine(High, Low);

    public int CompareTo(AddressBits other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public static bool operator <(AddressBits left, AddressBits right) => left.CompareTo(right) < 0;

    public static bool operator >(AddressBits left, AddressBits right) => left.CompareTo(right) > 0;

    public static bool operator <=(AddressBits left, AddressBits right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AddressBits left, AddressBits right) => left.CompareTo(right) >= 0;
}
