using TsharkRst.Findings;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Rules;

/// <summary>The packets a ladder diagram shows, and what they are labelled.</summary>
public class LadderStepsTests
{
    /// <summary>Handshake (1–3), 20 client segments (4–23), the server's RST (24), 5 more client segments (25–29).</summary>
    public static ResetFinding LongConnection()
    {
        var talk = Talk.Handshake();
        for (var i = 0; i < 20; i++)
            talk.Client(Psh | Ack, 100);
        talk.Server(Rst | Ack);
        for (var i = 0; i < 5; i++)
            talk.Client(Psh | Ack, 100);
        return talk.Diagnose();
    }

    [Fact]
    public void The_ladder_keeps_the_handshake_the_last_packets_the_RST_and_a_few_after_and_counts_the_rest()
    {
        var steps = LongConnection().Ladder;

        Assert.Equal([1, 2, 3, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27], steps.Select(s => (int)s.Frame));
        Assert.Equal([0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], steps.Select(s => s.ElidedBefore));
        Assert.Equal(["SYN", "SYN/ACK", "ACK"], steps.Take(3).Select(s => s.Flags));
        var rst = steps.Single(s => s.IsRst);
        Assert.Equal((24L, "RST/ACK", false, 0, 0.023), (rst.Frame, rst.Flags, rst.FromClient, rst.Length, rst.Offset));
        Assert.Equal(("PSH/ACK", 100, true), (steps[^1].Flags, steps[^1].Length, steps[^1].FromClient));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 3)]
    public void A_gap_shorter_than_three_packets_is_drawn_not_elided(int segments, int elided)
    {
        var talk = Talk.Handshake();
        for (var i = 0; i < segments; i++)
            talk.Client(Psh | Ack, 100);
        var steps = talk.Server(Rst | Ack).Diagnose().Ladder;

        Assert.Equal(elided, steps.Sum(s => s.ElidedBefore));
        Assert.Equal(segments + 4 - elided, steps.Count);
    }

    [Fact]
    public void TLS_and_HTTP_packets_are_labelled_and_kept_however_far_from_the_RST()
    {
        var talk = Talk.Handshake()
            .Client(Psh | Ack, 517, change: r => r with { TlsContentTypes = [22], TlsHandshakeTypes = [1], TlsServerName = "shop.example" })
            .Server(Psh | Ack, 7, change: r => r with { TlsContentTypes = [21], TlsAlertLevels = [2], TlsAlertDescriptions = [70] });
        for (var i = 0; i < 12; i++)
            talk.Client(Ack);
        var steps = talk.Server(Rst | Ack).Diagnose().Ladder;

        Assert.Equal([1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18], steps.Select(s => (int)s.Frame));
        Assert.Equal(4, steps.Single(s => s.Frame == 10).ElidedBefore);
        Assert.Equal("ClientHello shop.example", steps.Single(s => s.Frame == 4).Label);
        Assert.Equal("alert protocol_version", steps.Single(s => s.Frame == 5).Label);
        Assert.Null(steps.Single(s => s.Frame == 3).Label);
    }

    [Fact]
    public void An_HTTP_request_is_labelled_with_its_method_and_URI_and_carries_Host_and_User_Agent()
    {
        var steps = Talk.Handshake()
            .Client(Psh | Ack, 80, change: r => r with { HttpMethod = "GET", HttpUri = "/x", HttpHost = "api.example", HttpUserAgent = "curl/8.0" })
            .Server(Psh | Ack, 200, change: r => r with { HttpStatus = 200 })
            .Client(Rst | Ack)
            .Diagnose().Ladder;

        var request = steps.Single(s => s.Frame == 4);
        Assert.Equal(("GET /x", "Host: api.example · User-Agent: curl/8.0"), (request.Label, request.Detail));
        Assert.Equal(("HTTP 200", null), (steps.Single(s => s.Frame == 5).Label, steps.Single(s => s.Frame == 5).Detail));
    }
}
