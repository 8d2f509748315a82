namespace TsharkRst.Analysis;

/// <summary><c>pairs.csv</c>: which captures of a batch are two views of the same traffic. In any
/// folder searched, a file of that name holds one pair a line: two capture paths relative to that
/// folder, separated by a comma, in either order (which end each was taken at is told from the
/// packets). Blank lines, lines starting with '#', and a first line that names no capture (a header
/// such as <c>client,server</c>) are skipped; anything else that does not name two captures found
/// is reported, and those captures are analysed alone.</summary>
public static class PairsFile
{
    public const string FileName = "pairs.csv";

    public sealed record Result(IReadOnlyList<CaptureInput> Captures, IReadOnlyList<string> Problems);

    /// <summary>The captures found, each knowing its pair: the two captures given with --pair
    /// (<paramref name="pairGiven"/>), or the pairs the pairs.csv files among the files skipped name.</summary>
    public static Result Apply(CaptureDiscovery.Result found, bool pairGiven = false)
    {
        if (pairGiven && found.Captures.Count == 2)
        {
            var (a, b) = Paired(found.Captures[0], found.Captures[1]);
            return new Result([a, b], []);
        }
        var captures = found.Captures.ToList();
        var problems = new List<string>();
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < captures.Count; i++)
            byPath.TryAdd(Path.GetFullPath(captures[i].Path), i);
        foreach (var file in found.Skipped.Where(f => Path.GetFileName(f) == FileName).Order(StringComparer.Ordinal))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: cannot be read ({ex.Message}); its pairs are analysed alone.");
                continue;
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
                int? Find(string cell) => cells.Length == 2 && byPath.TryGetValue(Path.GetFullPath(Path.Combine(folder, cell)), out var i) ? i : null;
                var (a, b) = (Find(cells[0]), Find(cells.Length > 1 ? cells[1] : ""));
                if (a is null && b is null && n == FirstLine(lines))
                    continue;
                var where = $"{file}, line {n + 1}";
                if (cells.Length != 2)
                    problems.Add($"{where}: expected two capture paths separated by a comma, not '{line}'.");
                else if (a is null || b is null)
                    problems.Add($"{where}: '{cells[a is null ? 0 : 1]}' is not a capture found in {folder}.");
                else if (a == b)
                    problems.Add($"{where}: a capture cannot be paired with itself.");
                else if (captures[a.Value].Pair is not null || captures[b.Value].Pair is not null)
                    problems.Add($"{where}: {(captures[a.Value].Pair is not null ? cells[0] : cells[1])} is already paired; a capture has one pair.");
                else
                    (captures[a.Value], captures[b.Value]) = Paired(captures[a.Value], captures[b.Value]);
            }
        }
        return new Result(captures, problems);
    }

    /// <summary>The two captures, each knowing the other.</summary>
    public static (CaptureInput, CaptureInput) Paired(CaptureInput a, CaptureInput b) =>
        (a with { Pair = b with { Pair = null } }, b with { Pair = a with { Pair = null } });

    private static int FirstLine(string[] lines) =>
        Array.FindIndex(lines, l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#'));
}
