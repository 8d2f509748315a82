using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public sealed class PairWordsTests
{
    [Theory]
    [InlineData(12.3456781, "; its clock is 12.345678 s ahead of this one's")]
    [InlineData(-3600.5, "; its clock is 3600.500000 s behind this one's")]
    [InlineData(0.0000004, "; the two clocks agree to the microsecond")]
    [InlineData(0.0, "; the two clocks agree to the microsecond")]
    public void The_other_captures_clock_is_ahead_behind_or_in_agreement(double offset, string words)
    {
        Assert.Equal(words, PairWords.ClockWords(offset));
    }
}
