using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace TsharkRst.Tshark;

/// <summary>The list of fields asked of tshark, read from <c>tshark-fields.txt</c>
/// (one per line, <c>#</c> comments). The runner's <c>-e</c> arguments, the row reader's columns
/// and the headers of packets.csv all come from it.</summary>
public sealed class TsharkFields
{
    private TsharkFields(IReadOnlyList<string> names, string text)
    {
        Names = names;
        // When first asked: SHA-256 loads OpenSSL, which need not delay tshark's start.
        _sha256 = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    private readonly Lazy<string> _sha256;

    public IReadOnlyList<string> Names { get; }

    /// <summary>Identifies this list, so that outputs made with another list can be told apart.</summary>
    public string Sha256 => _sha256.Value;

    /// <summary>The list shipped inside the tool (a copy of the repository's tshark-fields.txt).</summary>
    public static TsharkFields BuiltIn { get; } = Parse(ReadBuiltInText());

    public static TsharkFields Parse(string text)
    {
        var names = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
                continue;
            if (line.Any(char.IsWhiteSpace))
                throw new TsharkRstException($"tshark-fields.txt: '{line}' is not one field name (one field per line).");
            if (names.Contains(line))
                throw new TsharkRstException($"tshark-fields.txt: field '{line}' is listed twice.");
            names.Add(line);
        }
        return new TsharkFields(names, text);
    }

    private static string ReadBuiltInText()
    {
        using var stream = typeof(TsharkFields).Assembly.GetManifestResourceStream("tshark-fields.txt")
            ?? throw new TsharkRstException("The built-in tshark-fields.txt is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
