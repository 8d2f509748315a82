using TsharkRst.Connections;

namespace TsharkRst.Tests.Connections;

/// <summary>The Community ID against the spec's own vectors: github.com/corelight/community-id-spec at
/// commit b1fe530, baseline/README.md ("Default settings" and "A custom seed=1 value" tables) and
/// baseline/baseline_deflt.json and baseline_seed1.json (made by pycommunityid from pcaps/combined.pcap.gz).</summary>
public class CommunityIdTests
{
    public static TheoryData<string, string, ushort, string> TcpVectors => new()
    {
        // baseline/README.md, default settings and seed=1: TCP 1.2.3.4:1122 -> 5.6.7.8:3344.
        { "1.2.3.4:1122", "5.6.7.8:3344", 0, "1:wCb3OG7yAFWelaUydu0D+125CLM=" },
        { "1.2.3.4:1122", "5.6.7.8:3344", 1, "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=" },
        // baseline_deflt.json and baseline_seed1.json, the IPv4 TCP flow.
        { "128.232.110.120:34855", "66.35.250.204:80", 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=" },
        { "128.232.110.120:34855", "66.35.250.204:80", 1, "1:3V71V58M3Ksw/yuFALMcW0LAHvc=" },
        // The same files, the IPv6 TCP flow.
        { "[2001:470:e5bf:dead:4957:2174:e82c:4887]:63943", "[2607:f8b0:400c:c03::1a]:25", 0, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=" },
        { "[2001:470:e5bf:dead:4957:2174:e82c:4887]:63943", "[2607:f8b0:400c:c03::1a]:25", 1, "1:eJYTW6AOzFLlSUoESovMjnu7rMw=" },
    };

    [Theory]
    [MemberData(nameof(TcpVectors))]
    public void A_TCP_flow_gets_the_spec_vectors_Community_ID_in_both_directions(string source, string destination, ushort seed, string expected)
    {
        var a = Endpoint.Parse(source);
        var b = Endpoint.Parse(destination);
        Assert.Equal(expected, CommunityId.Of(a, b, seed: seed));
        Assert.Equal(expected, CommunityId.Of(b, a, seed: seed));
    }

    [Theory]
    [InlineData(17, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=")] // baseline/README.md, UDP
    [InlineData(132, "1:EKt4MsxuyaE6mL+hmrEkQ9csDD8=")] // baseline/README.md, SCTP
    public void The_protocol_number_is_part_of_the_hash(byte protocol, string expected)
    {
        Assert.Equal(expected, CommunityId.Of(Endpoint.Parse("1.2.3.4:1122"), Endpoint.Parse("5.6.7.8:3344"), protocol));
        Assert.Equal(expected, CommunityId.Of(Endpoint.Parse("5.6.7.8:3344"), Endpoint.Parse("1.2.3.4:1122"), protocol));
    }

    [Fact]
    public void Between_two_ports_of_one_address_the_ports_decide_the_order()
    {
        var low = Endpoint.Parse("192.0.2.1:80");
        var high = Endpoint.Parse("192.0.2.1:8080");
        Assert.Equal(CommunityId.Of(low, high), CommunityId.Of(high, low));
        Assert.NotEqual(CommunityId.Of(low, high), CommunityId.Of(low, Endpoint.Parse("192.0.2.1:8081")));
    }

    [Fact]
    public void Formatting_in_place_writes_the_same_text_and_refuses_a_short_buffer()
    {
        var a = Endpoint.Parse("1.2.3.4:1122");
        var b = Endpoint.Parse("5.6.7.8:3344");
        Span<char> text = stackalloc char[CommunityId.Length];
        Assert.True(CommunityId.TryFormat(a, b, text, out var written));
        Assert.Equal("1:wCb3OG7yAFWelaUydu0D+125CLM=", new string(text[..written]));
        Assert.False(CommunityId.TryFormat(a, b, text[..^1], out written));
        Assert.Equal(0, written);
    }
}
