using System.Globalization;

namespace TsharkRst.Findings;

/// <summary>The reset codes a Citrix ADC (NetScaler) writes in the window of the RSTs it sends
/// (CTX200852; the table is netscaler-reset-codes.tsv beside this file).</summary>
public static class NetScalerCodes
{
    private static readonly Lazy<IReadOnlyDictionary<int, string>> Table = new(Load);

    public static string? Meaning(int window) => Table.Value.GetValueOrDefault(window);

    /// <summary>9700 and 9701: the ADC passes on a RST it received from the other side.</summary>
    public static bool IsRelay(int window) => window is 9700 or 9701;

    private static IReadOnlyDictionary<int, string> Load()
    {
        using var stream = typeof(NetScalerCodes).Assembly.GetManifestResourceStream("netscaler-reset-codes.tsv")
                           ?? throw new InvalidOperationException("netscaler-reset-codes.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            var tab = line.IndexOf('\t');
            table[int.Parse(line.AsSpan(0, tab), CultureInfo.InvariantCulture)] = line[(tab + 1)..];
        }
        return table;
    }
}
