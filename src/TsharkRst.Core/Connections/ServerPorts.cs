namespace TsharkRst.Connections;

/// <summary>Decides which side is the server when no SYN was captured, in tiers: a port servers
/// commonly listen on; else a port below 1024; else the lower port (the higher one is ephemeral).</summary>
public static class ServerPorts
{
    private static readonly HashSet<int> ServicePorts =
    [
        20, 21, 22, 23, 25, 53, 80, 88, 110, 111, 119, 123, 135, 139, 143, 161, 179, 389, 443, 445, 465,
        514, 515, 587, 631, 636, 873, 990, 993, 995,
        1080, 1194, 1433, 1521, 1883, 2049, 2181, 2375, 2376, 3000, 3128, 3306, 3389, 4222, 4443, 5000,
        5060, 5061, 5222, 5432, 5601, 5671, 5672, 5900, 5984, 6379, 6443, 6667, 7001, 8000, 8008, 8080,
        8081, 8443, 8883, 8888, 9000, 9042, 9090, 9092, 9200, 9300, 9418, 9443, 11211, 15672, 27017,
    ];

    public static bool IsService(int port) => ServicePorts.Contains(port);

    public static bool IsWellKnown(int port) => port is > 0 and < 1024;

    /// <summary>True when <paramref name="a"/> looks like the client of a connection with <paramref name="b"/>.</summary>
    public static bool LooksLikeClient(Endpoint a, Endpoint b)
    {
        if (IsService(a.Port) != IsService(b.Port))
            return IsService(b.Port);
        if (IsWellKnown(a.Port) != IsWellKnown(b.Port))
            return IsWellKnown(b.Port);
        return a.Port > b.Port || (a.Port == b.Port && ConnectionKey.Of(a, b).High == a);
    }
}
