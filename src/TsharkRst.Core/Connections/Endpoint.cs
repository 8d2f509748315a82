using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TsharkRst.Connections;

/// <summary>One side of a TCP connection: an address and a port.</summary>
public readonly record struct Endpoint(IPAddress Address, int Port)
{
    // Written out rather than generated: the generated members go through EqualityComparer<IPAddress>,
    // which runs unoptimised for the first part of a triage pass, and every packet compares endpoints.
    public bool Equals(Endpoint other) =>
        Port == other.Port && (ReferenceEquals(Address, other.Address) || (Address is not null && Address.Equals(other.Address)));

    public override int GetHashCode() => (Address?.GetHashCode() ?? 0) * 31 + Port;

    /// <summary>The longest text: an IPv6 address with an IPv4 tail and a scope, in brackets, and a port.</summary>
    public const int MaxLength = 65 + 2 + 6;

    /// <summary>192.0.2.1:443 or [2001:db8::1]:443; IPv6 in its canonical compressed form.</summary>
    public override string ToString()
    {
        Span<char> text = stackalloc char[MaxLength];
        return TryFormat(text, out var length) ? new string(text[..length]) : throw new UnreachableException();
    }

    /// <summary>Writes <see cref="ToString"/>'s text without making a string (connections.csv writes millions).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        var ipv6 = Address.AddressFamily == AddressFamily.InterNetworkV6;
        var at = 0;
        if (ipv6 && !Put(destination, ref at, '['))
            return false;
        if (!Address.TryFormat(destination[at..], out var written))
            return false;
        at += written;
        if ((ipv6 && !Put(destination, ref at, ']')) || !Put(destination, ref at, ':')
            || !Port.TryFormat(destination[at..], out written, default, CultureInfo.InvariantCulture))
            return false;
        charsWritten = at + written;
        return true;
    }

    private static bool Put(Span<char> destination, ref int at, char c)
    {
        if (at >= destination.Length)
            return false;
        destination[at++] = c;
        return true;
    }

    public static Endpoint Parse(string text) =>
        TryParse(text, out var endpoint) ? endpoint : throw new FormatException($"'{text}' is not an address:port.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out Endpoint endpoint)
    {
        endpoint = default;
        if (text is null || !IPEndPoint.TryParse(text, out var parsed) || !text.Contains(':'))
            return false;
        endpoint = new Endpoint(parsed.Address, parsed.Port);
        return true;
    }
}
