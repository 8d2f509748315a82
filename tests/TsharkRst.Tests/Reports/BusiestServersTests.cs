using TsharkRst.Connections;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class BusiestServersTests
{
    private static Endpoint Server(int n) => Endpoint.Parse($"198.51.{100 + n / 60000}.{n / 250 % 240 + 1}:{n % 250 + 1000}");

    [Fact]
    public void Counts_are_exact_while_the_servers_fit()
    {
        var servers = new BusiestServers();
        foreach (var (n, times) in new[] { (1, 5), (2, 3), (3, 3), (4, 1) })
            for (var i = 0; i < times; i++)
                servers.Add(Server(n));
        Assert.Equal([(Server(1), 5L), (Server(2), 3L), (Server(3), 3L)], servers.Top(3));
    }

    [Fact]
    public void A_busy_server_first_seen_late_in_a_port_scan_is_found_with_a_count_that_is_certain()
    {
        var servers = new BusiestServers();
        var busy = Endpoint.Parse("203.0.113.5:443");
        var scanned = 0;
        for (var i = 0; i < 100_000; i++)
        {
            servers.Add(Server(scanned++));
            if (i >= 50_000 && i % 20 == 0)
                servers.Add(busy); // 2,500 resets, every one after the table filled
        }
        var (top, resets) = servers.Top(1)[0];
        Assert.Equal(busy, top);
        // Never more than it had; at most the resets spread over the table fewer.
        Assert.InRange(resets, 2_500 - (100_000 + 2_500) / BusiestServers.Capacity, 2_500);
        Assert.All(servers.Top(10).Skip(1), s => Assert.InRange(s.Resets, 1, 1));
    }
}
