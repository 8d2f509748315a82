using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace TsharkRst.Connections;

/// <summary>A flow's Community ID, version 1, as Corelight's spec defines it
/// (github.com/corelight/community-id-spec): the same string Zeek, Suricata, Arkime and Elastic
/// write for the same connection, so a reset found here is one string comparison from their records.
/// <c>"1:" + base64(SHA-1(seed · lower endpoint's address · higher's · protocol · 0 · lower's port · higher's))</c>,
/// all in network byte order, the endpoints ordered by address and then port.</summary>
public static class CommunityId
{
    /// <summary>TCP's IP protocol number, the only protocol this tool reads.</summary>
    public const byte Tcp = 6;

    /// <summary>"1:" and the base64 of a 20-byte digest.</summary>
    public const int Length = 2 + 28;

    /// <summary>The Community ID of the flow between <paramref name="a"/> and <paramref name="b"/>, in either order.</summary>
    public static string Of(Endpoint a, Endpoint b, byte protocol = Tcp, ushort seed = 0)
    {
        Span<char> text = stackalloc char[Length];
        return TryFormat(a, b, text, out var written, protocol, seed) ? new string(text[..written]) : throw new UnreachableException();
    }

    /// <summary>Writes <see cref="Of"/>'s text without making a string (connections.csv writes one per connection).</summary>
    public static bool TryFormat(Endpoint a, Endpoint b, Span<char> destination, out int charsWritten,
        byte protocol = Tcp, ushort seed = 0)
    {
        charsWritten = 0;
        if (destination.Length < Length)
            return false;
        // At most 2 + 16 + 16 + 2 + 2 + 2 bytes: an IPv6 pair.
        Span<byte> input = stackalloc byte[40];
        Span<byte> first = stackalloc byte[16];
        Span<byte> second = stackalloc byte[16];
        // Both sides of a connection have one family; were they ever to differ, both are hashed as IPv6.
        var mixed = a.Address.AddressFamily != b.Address.AddressFamily;
        if (!(mixed ? a.Address.MapToIPv6() : a.Address).TryWriteBytes(first, out var firstLength)
            || !(mixed ? b.Address.MapToIPv6() : b.Address).TryWriteBytes(second, out var secondLength))
            return false;
        var aFirst = IsLower(first[..firstLength], a.Port, second[..secondLength], b.Port);
        ReadOnlySpan<byte> lowAddress = aFirst ? first[..firstLength] : second[..secondLength];
        ReadOnlySpan<byte> highAddress = aFirst ? second[..secondLength] : first[..firstLength];
        var at = 0;
        BinaryPrimitives.WriteUInt16BigEndian(input[at..], seed);
        at += 2;
        lowAddress.CopyTo(input[at..]);
        at += lowAddress.Length;
        highAddress.CopyTo(input[at..]);
        at += highAddress.Length;
        input[at++] = protocol;
        input[at++] = 0; // padding, so the ports start on a 32-bit boundary
        BinaryPrimitives.WriteUInt16BigEndian(input[at..], (ushort)(aFirst ? a.Port : b.Port));
        at += 2;
        BinaryPrimitives.WriteUInt16BigEndian(input[at..], (ushort)(aFirst ? b.Port : a.Port));
        at += 2;
        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..at], digest);
        destination[0] = '1';
        destination[1] = ':';
        if (!Convert.TryToBase64Chars(digest, destination[2..], out var encoded))
            return false;
        charsWritten = 2 + encoded;
        return true;
    }

    // The spec's order: the numerically smaller address first (big-endian bytes compare as numbers); the ports decide a tie.
    private static bool IsLower(ReadOnlySpan<byte> address, int port, ReadOnlySpan<byte> otherAddress, int otherPort)
    {
        var order = address.SequenceCompareTo(otherAddress);
        return order < 0 || (order == 0 && port < otherPort);
    }
}
