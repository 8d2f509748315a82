using TsharkRst.Analysis;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class RehearsalTests
{
    [Fact]
    public void The_rehearsal_runs_the_whole_conclusion_of_a_reset_request()
    {
        // It swallows its failures (it only warms code up), so this is where a broken rehearsal shows.
        var document = Rehearsal.Conclude(new AnalysisSettings());

        var reset = Assert.Single(FindingsJson.ToJson(document)["resets"]!.AsArray())!;
        Assert.Equal("request-rejected", reset["verdict"]!.GetValue<string>());
        Assert.Equal("server", reset["sentBy"]!.GetValue<string>());
        Assert.Equal(5, reset["rstFrame"]!.GetValue<int>());
        Assert.Single(document.Connections);
    }
}
