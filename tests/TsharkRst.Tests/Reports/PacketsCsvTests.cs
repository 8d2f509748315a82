using System.Text;
using TsharkRst.Reports;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Reports;

/// <summary>A packets.csv cell splits back into exactly the occurrences it was made of.</summary>
public class PacketsCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"evil\x1fhost.example", @"evil\x1fhost.example")]
    [InlineData("a|b", @"a\|b")]
    [InlineData(@"ends\", @"ends\\")]
    [InlineData(@"a\|b", @"a\\\|b")]
    [InlineData(@"two\\", @"two\\\\")]
    public void One_value_is_written_with_only_the_escapes_it_needs(string value, string cell)
    {
        Assert.Equal(cell, PacketsCsv.Cell(value));
        Assert.Equal([value], Split(cell));
    }

    [Theory]
    [InlineData(@"a\b|c", @"\t\n")]
    [InlineData(@"x\", "")]
    [InlineData("", "", "")]
    [InlineData("|", @"\", "|")]
    [InlineData("h2", "http/1.1")]
    public void Several_occurrences_split_back_exactly(params string[] occurrences)
    {
        var cell = PacketsCsv.Cell(string.Join(FieldText.OccurrenceSeparator, occurrences));
        Assert.Equal(occurrences, Split(cell));
    }

    /// <summary>The reading rule README gives: '|' separates, "\|" and "\\" are one character, any other '\' is itself.</summary>
    private static List<string> Split(string cell)
    {
        var occurrences = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] == '\\' && i + 1 < cell.Length && cell[i + 1] is '|' or '\\')
                current.Append(cell[++i]);
            else if (cell[i] == '|')
            {
                occurrences.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(cell[i]);
        }
        occurrences.Add(current.ToString());
        return occurrences;
    }
}
