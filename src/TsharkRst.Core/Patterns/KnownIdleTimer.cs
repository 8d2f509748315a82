namespace TsharkRst.Patterns;

/// <summary>A device's or stack's default idle timeout (spec/idle-timers.md, from vendor documentation).</summary>
public sealed record KnownIdleTimer(string Device, double Seconds, string OnExpiry)
{
    public static IReadOnlyList<KnownIdleTimer> All { get; } =
    [
        new("Node.js http server keepAliveTimeout (older)", 5, "FIN, races with proxies reusing the connection"),
        new("AWS Application / Classic Load Balancer", 60, "load balancer closes"),
        new("nginx upstream keepalive", 60, "FIN"),
        new("Node.js http server keepAliveTimeout (newer)", 65, "FIN, races with proxies reusing the connection"),
        new("nginx client keepalive", 75, "FIN"),
        new("Azure Load Balancer", 240, "silent drop by default; RST both ways when \"TCP reset on idle\" is on"),
        new("Azure NAT Gateway", 240, "flow dropped"),
        new("F5 BIG-IP fastL4", 300, "RST on timeout by default"),
        new("AWS Network Load Balancer (TCP)", 350, "flow state dropped; late packets get a RST"),
        new("AWS NAT Gateway", 350, "flow dropped; late packets get a RST"),
        new("AWS Network Firewall", 350, "flow dropped"),
        new("AWS EC2 security-group tracking (newer Nitro hosts)", 350, "silent"),
        new("Google VPC firewall tracking", 600, "flow dropped"),
        new("Google external Application LB (backend)", 600, "FIN / GOAWAY"),
        new("Google external Application LB (client keepalive)", 610, "FIN / GOAWAY"),
        new("Linux IPVS (kube-proxy IPVS mode)", 900, "flow dropped"),
        new("Google Cloud NAT (established)", 1200, "flow dropped"),
        new("Juniper SRX", 1800, "session dropped"),
        new("Cisco ASA (timeout conn 1:00:00)", 3600, "RST only with reset configured"),
        new("Palo Alto PAN-OS (TCP)", 3600, "session dropped"),
        new("Fortinet FortiGate (session TTL)", 3600, "session dropped"),
        new("Linux TCP keepalive (first probe)", 7200, "the probe after state loss draws the RST"),
        new("kube-proxy conntrack (established)", 86400, "silent"),
        new("AWS EC2 security-group tracking", 432000, "silent"),
        new("Linux netfilter conntrack (established)", 432000, "silent; a REJECT rule for untracked packets turns it into a RST"),
    ];

    /// <summary>The timers within a few percent (at least 2 s) of <paramref name="seconds"/>.</summary>
    public static IReadOnlyList<KnownIdleTimer> Near(double seconds) =>
        All.Where(t => Math.Abs(t.Seconds - seconds) <= Math.Max(2, t.Seconds * 0.03)).ToList();
}
