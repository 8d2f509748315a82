using System.Globalization;
using System.Net;
using System.Reflection;

namespace TsharkRst.Rows;

/// <summary>How each tshark field is parsed into its <see cref="PacketRow"/> property; built once
/// from the <see cref="TsharkFieldAttribute"/>s.</summary>
internal static class PacketRowBinding
{
    /// <summary>Field name → setter that parses tshark's text into a new row.</summary>
    public static IReadOnlyDictionary<string, Func<PacketRow, string, PacketRow>> Setters { get; } = Build();

    private static readonly HashSet<string> Flags = typeof(PacketRow).GetProperties()
        .Where(p => p.PropertyType == typeof(bool) && p.GetCustomAttribute<TsharkFieldAttribute>() is not null)
        .Select(p => p.GetCustomAttribute<TsharkFieldAttribute>()!.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a field read as a flag (a boolean, or present or not).</summary>
    public static bool IsFlag(string field) => Flags.Contains(field);

    /// <summary>The field name as tshark-fields.txt spells it, for a header name in any case: tshark 4.4+
    /// heads the column it was asked as <c>_ws.col.Info</c> with <c>_ws.col.info</c>.</summary>
    public static string Canonical(string header) =>
        Names.GetValueOrDefault(header, header);

    private static readonly Dictionary<string, string> Names = typeof(PacketRow).GetProperties()
        .Select(p => p.GetCustomAttribute<TsharkFieldAttribute>()?.Name)
        .OfType<string>()
        .ToDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, Func<PacketRow, string, PacketRow>> Build()
    {
        // Field names in any case: see Canonical.
        var setters = new Dictionary<string, Func<PacketRow, string, PacketRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in typeof(PacketRow).GetProperties())
        {
            if (property.GetCustomAttribute<TsharkFieldAttribute>() is not { } field)
                continue;
            setters.Add(field.Name, SetterFor(property, field));
        }
        return setters;
    }

    private static Func<PacketRow, string, PacketRow> SetterFor(PropertyInfo property, TsharkFieldAttribute field)
    {
        var name = field.Name;
        var type = property.PropertyType;
        // Most values occur once: they are taken as they are, without splitting.
        string Pick(string text) => !text.Contains(FieldText.OccurrenceSeparator) ? text
            : Split(text) is var all && field.Occurrence == Occurrence.First ? all[0] : all[^1];
        if (type == typeof(long)) return Bind(property, text => ParseNumber(name, Pick(text), long.MaxValue));
        if (type == typeof(long?)) return Bind<long?>(property, text => ParseNumber(name, Pick(text), long.MaxValue));
        if (type == typeof(int?)) return Bind<int?>(property, text => (int)ParseNumber(name, Pick(text), int.MaxValue));
        if (type == typeof(uint?)) return Bind<uint?>(property, text => (uint)ParseNumber(name, Pick(text), uint.MaxValue));
        if (type == typeof(bool)) return Bind(property, text => text.Length > 0 && Pick(text) is not ("0" or "False" or "false"));
        if (type == typeof(string) && field.PayloadOnly)
        {
            var keep = Bind<string?>(property, Pick);
            return (row, text) => row.TcpLength is > 0 ? keep(row, text) : row;
        }
        if (type == typeof(string)) return Bind<string?>(property, Pick);
        if (type == typeof(IPAddress)) return Bind<IPAddress?>(property, text => ParseAddress(name, Pick(text)));
        if (type == typeof(TcpFlags?)) return Bind<TcpFlags?>(property, text => (TcpFlags)ParseNumber(name, Pick(text), 0xFFF));
        if (type == typeof(DateTimeOffset)) return Bind(property, text => ParseEpoch(name, Pick(text)));
        if (type == typeof(IReadOnlyList<int>))
            return Bind<IReadOnlyList<int>>(property, text => Split(text).Select(v => (int)ParseNumber(name, v, int.MaxValue)).ToArray());
        if (type == typeof(IReadOnlyList<long>))
            return Bind<IReadOnlyList<long>>(property, text => Split(text).Select(v => ParseNumber(name, v, long.MaxValue)).ToArray());
        if (type == typeof(IReadOnlyList<string>)) return Bind<IReadOnlyList<string>>(property, Split);
        if (type == typeof(IReadOnlyList<IPAddress>))
            return Bind<IReadOnlyList<IPAddress>>(property, text => Split(text).Select(v => ParseAddress(name, v)).ToArray());
        throw new InvalidOperationException($"No parser for {type} (field {name}).");
    }

    /// <summary>Parses a value and calls the property's init accessor through a typed delegate: a
    /// reflection call per field of every row costs seconds on a big capture.</summary>
    private static Func<PacketRow, string, PacketRow> Bind<T>(PropertyInfo property, Func<string, T> parse)
    {
        var set = (property.SetMethod ?? throw new InvalidOperationException($"{property.Name} has no init accessor."))
            .CreateDelegate<Action<PacketRow, T>>();
        return (row, text) =>
        {
            set(row, parse(text));
            return row;
        };
    }

    private static string[] Split(string text) => text.Split(FieldText.OccurrenceSeparator);

    /// <summary>tshark prints integers in decimal, or in hex (0x…) for fields shown in hex.</summary>
    internal static long ParseNumber(string field, string text, long max)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || value > max)
            throw new RowParseException(field, text, max == 0xFFF ? "a flag value" : "a whole number in range");
        return value;
    }

    private static IPAddress ParseAddress(string field, string text)
    {
        // The reader gives a value that repeats the same string (PacketRowReader.Values): its address is not parsed again.
        var recent = _recentAddresses ??= new (string?, IPAddress?)[RecentAddresses];
        foreach (var (known, knownAddress) in recent)
            if (ReferenceEquals(known, text))
                return knownAddress!;
        var address = IPAddress.TryParse(text, out var parsed) ? parsed : throw new RowParseException(field, text, "an IP address");
        recent[_nextAddress] = (text, address);
        _nextAddress = (_nextAddress + 1) % RecentAddresses;
        return address;
    }

    /// <summary>A connection's two addresses, and a DNS answer's.</summary>
    private const int RecentAddresses = 4;

    // Per parsing thread: each tshark's rows are parsed on a thread of their own.
    [ThreadStatic] private static (string? Text, IPAddress? Address)[]? _recentAddresses;
    [ThreadStatic] private static int _nextAddress;

    /// <summary>Epoch seconds with up to nine decimals, kept to the 100 ns a DateTimeOffset holds.</summary>
    internal static DateTimeOffset ParseEpoch(string field, string text)
    {
        // Spans, not substrings: every row has a time.
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text.AsSpan() : text.AsSpan(0, dot);
        var fraction = dot < 0 ? [] : text.AsSpan(dot + 1);
        if (!long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ||
            fraction.ContainsAnyExceptInRange('0', '9') || seconds is < -62135596800 or > 253402300799)
            throw new RowParseException(field, text, "a time in epoch seconds");
        var ticks = 0L;
        for (var i = 0; i < 7; i++)
            ticks = ticks * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
    }
}
