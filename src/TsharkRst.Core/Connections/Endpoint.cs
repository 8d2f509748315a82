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

    /// <summary>192.0.2.1:443 or [2001:db8::1]:443; IPv6 in its canonical compressed form.</summary>
    public override string ToString() => Address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

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
