namespace TsharkRst.Connections;

/// <summary>Decides which side is the server when no SYN was captured: the side on a well-known
/// or commonly served port; otherwise the lower port (the higher one is the ephemeral one).</summary>
public static class ServerPorts
{
    // Registered ports above 1023 that servers commonly listen on; below 1024 every port counts.
    private static readonly HashSet<int> CommonServicePorts =
    [
        1080, 1194, 1433, 1521, 1883, 2049, 2181, 2375, 2376, 3000, 3128, 3306, 3389, 4222, 4443, 5000,
        5060, 5061, 5222, 5432, 5601, 5671, 5672, 5900, 5984, 6379, 6443, 6667, 7001, 8000, 8008, 8080,
        8081, 8443, 8883, 8888, 9000, 9042, 9090, 9092, 9200, 9300, 9418, 9443, 11211, 15672, 27017,
    ];

    public static bool IsWellKnown(int port) => port is > 0 and < 1024 || CommonServicePorts.Contains(port);

    /// <summary>True when <paramref name="a"/> looks like the client of a connection with <paramref name="b"/>.</summary>
    public static bool LooksLikeClient(Endpoint a, Endpoint b) =>
        (IsWellKnown(a.Port), IsWellKnown(b.Port)) switch
        {
            (false, true) => true,
            (true, false) => false,
            _ => a.Port > b.Port || (a.Port == b.Port && ConnectionKey.Of(a, b).High == a),
        };
}
