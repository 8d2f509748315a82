using System.Net;

namespace TsharkRst.Rows;

/// <summary>One packet as tshark dissected it: one property per line of tshark-fields.txt.
/// Absent fields are null (or empty lists); nothing here is interpreted beyond parsing.</summary>
public sealed record PacketRow
{
    // Set after parsing, without a copy of the whole row: the original frame of a focused capture's (and the frames its Info
    // names), the merged stream of a split's. The record's equality counts them, so a row is not compared or hashed before
    // it leaves the merge.
    [TsharkField("frame.number")] public long Frame { get; internal set; }
    [TsharkField("frame.time_epoch")] public DateTimeOffset Time { get; init; }
    [TsharkField("frame.len")] public int? FrameLength { get; init; }
    [TsharkField("frame.protocols")] public string? Protocols { get; init; }

    [TsharkField("eth.src", Occurrence.First)] public string? EthSource { get; init; }
    [TsharkField("eth.dst", Occurrence.First)] public string? EthDestination { get; init; }
    [TsharkField("sll.src.eth", Occurrence.First)] public string? SllSource { get; init; }

    [TsharkField("ip.src")] public IPAddress? Ipv4Source { get; init; }
    [TsharkField("ip.dst")] public IPAddress? Ipv4Destination { get; init; }
    [TsharkField("ip.ttl")] public int? Ttl { get; init; }
    [TsharkField("ip.id")] public int? IpId { get; init; }
    [TsharkField("ip.flags.df")] public bool DontFragment { get; init; }
    [TsharkField("ipv6.src")] public IPAddress? Ipv6Source { get; init; }
    [TsharkField("ipv6.dst")] public IPAddress? Ipv6Destination { get; init; }
    [TsharkField("ipv6.hlim")] public int? HopLimit { get; init; }

    [TsharkField("tcp.stream")] public long? TcpStream { get; internal set; }
    [TsharkField("tcp.srcport")] public int? SourcePort { get; init; }
    [TsharkField("tcp.dstport")] public int? DestinationPort { get; init; }
    [TsharkField("tcp.flags")] public TcpFlags? Flags { get; init; }
    [TsharkField("tcp.seq_raw")] public uint? Seq { get; init; }
    [TsharkField("tcp.ack_raw")] public uint? Ack { get; init; }
    [TsharkField("tcp.len")] public int? TcpLength { get; init; }
    [TsharkField("tcp.hdr_len")] public int? TcpHeaderLength { get; init; }
    [TsharkField("tcp.window_size_value")] public int? Window { get; init; }
    [TsharkField("tcp.options.timestamp.tsval")] public uint? TsVal { get; init; }
    [TsharkField("tcp.analysis.retransmission")] public bool Retransmission { get; init; }
    [TsharkField("tcp.analysis.out_of_order")] public bool OutOfOrder { get; init; }
    [TsharkField("tcp.analysis.duplicate_ack")] public bool DuplicateAck { get; init; }
    [TsharkField("tcp.analysis.lost_segment")] public bool LostSegment { get; init; }
    [TsharkField("tcp.analysis.zero_window")] public bool ZeroWindow { get; init; }
    [TsharkField("tcp.analysis.zero_window_probe")] public bool ZeroWindowProbe { get; init; }
    [TsharkField("tcp.analysis.keep_alive")] public bool KeepAlive { get; init; }
    [TsharkField("tcp.analysis.keep_alive_ack")] public bool KeepAliveAck { get; init; }
    [TsharkField("tcp.reset_cause", Occurrence.First)] public string? ResetCause { get; init; }

    [TsharkField("tls.record.content_type")] public IReadOnlyList<int> TlsContentTypes { get; init; } = [];
    [TsharkField("tls.record.opaque_type")] public IReadOnlyList<int> TlsOpaqueTypes { get; init; } = [];
    [TsharkField("tls.record.length")] public IReadOnlyList<int> TlsRecordLengths { get; init; } = [];
    [TsharkField("tls.handshake.type")] public IReadOnlyList<int> TlsHandshakeTypes { get; init; } = [];
    [TsharkField("tls.handshake.version")] public IReadOnlyList<int> TlsHandshakeVersions { get; init; } = [];
    [TsharkField("tls.handshake.extensions_server_name", Occurrence.First)] public string? TlsServerName { get; init; }
    [TsharkField("tls.handshake.extensions_alpn_str")] public IReadOnlyList<string> TlsAlpn { get; init; } = [];
    [TsharkField("tls.handshake.extensions.supported_version")] public IReadOnlyList<int> TlsSupportedVersions { get; init; } = [];
    [TsharkField("tls.alert_message.level")] public IReadOnlyList<int> TlsAlertLevels { get; init; } = [];
    [TsharkField("tls.alert_message.desc")] public IReadOnlyList<int> TlsAlertDescriptions { get; init; } = [];

    [TsharkField("http.request.method", Occurrence.First)] public string? HttpMethod { get; init; }
    [TsharkField("http.host", Occurrence.First)] public string? HttpHost { get; init; }
    [TsharkField("http.request.uri", Occurrence.First)] public string? HttpUri { get; init; }
    [TsharkField("http.user_agent", Occurrence.First)] public string? HttpUserAgent { get; init; }
    [TsharkField("http.response.code", Occurrence.First)] public int? HttpStatus { get; init; }

    [TsharkField("http2.type")] public IReadOnlyList<int> Http2Types { get; init; } = [];
    [TsharkField("http2.streamid")] public IReadOnlyList<long> Http2Streams { get; init; } = [];
    [TsharkField("http2.headers.method", Occurrence.First)] public string? Http2Method { get; init; }
    [TsharkField("http2.headers.authority", Occurrence.First)] public string? Http2Authority { get; init; }
    [TsharkField("http2.headers.path", Occurrence.First)] public string? Http2Path { get; init; }
    [TsharkField("http2.headers.status", Occurrence.First)] public int? Http2Status { get; init; }
    [TsharkField("http2.rst_stream.error", Occurrence.First)] public long? Http2RstStreamError { get; init; }
    [TsharkField("http2.goaway.error", Occurrence.First)] public long? Http2GoAwayError { get; init; }

    [TsharkField("_ws.col.Info", PayloadOnly = true)] public string? Info { get; internal set; }
    [TsharkField("pgsql.type")] public IReadOnlyList<string> PgsqlTypes { get; init; } = [];
    [TsharkField("pgsql.query", Occurrence.Last)] public string? PgsqlQuery { get; init; }
    [TsharkField("mysql.query", Occurrence.Last)] public string? MysqlQuery { get; init; }

    [TsharkField("dns.flags.response")] public bool DnsResponse { get; init; }
    [TsharkField("dns.qry.name")] public IReadOnlyList<string> DnsQueryNames { get; init; } = [];
    [TsharkField("dns.a")] public IReadOnlyList<IPAddress> DnsA { get; init; } = [];
    [TsharkField("dns.aaaa")] public IReadOnlyList<IPAddress> DnsAaaa { get; init; } = [];

    /// <summary>True when the innermost network header is IPv6 (a Teredo or 6in4 tunnel carries both). tshark 4.6 lists an
    /// IPv6 header that a tunnel hands to its generic IP dissector (GTP-U) as "ip" in frame.protocols: an IPv6 header
    /// with no "ipv6" there is such an inner one.</summary>
    public bool IsIpv6 => Ipv6Source is not null &&
        (Ipv4Source is null || LastOf("ip", "ipv6") == "ipv6" || !Carries("ipv6"));

    public IPAddress? Source => IsIpv6 ? Ipv6Source : Ipv4Source;

    public IPAddress? Destination => IsIpv6 ? Ipv6Destination : Ipv4Destination;

    /// <summary>IPv4 TTL or IPv6 hop limit, whichever header the packet travelled in.</summary>
    public int? HopCount => IsIpv6 ? HopLimit : Ttl;

    public string? SourceMac => EthSource ?? SllSource;

    /// <summary>A TCP segment of its own: not the TCP header an ICMP error quotes.</summary>
    public bool IsTcp => SourcePort is not null && DestinationPort is not null && Flags is not null && Source is not null &&
                         !Carries("icmp") && !Carries("icmpv6");

    /// <summary>True when <see cref="Protocols"/> names <paramref name="protocol"/> (checked without
    /// allocating: it runs several times for every row of a capture).</summary>
    public bool Carries(string protocol)
    {
        var protocols = (Protocols ?? "").AsSpan();
        foreach (var range in protocols.Split(':'))
            if (protocols[range].SequenceEqual(protocol))
                return true;
        return false;
    }

    /// <summary>Whichever of <paramref name="first"/> and <paramref name="second"/> comes last in <see cref="Protocols"/>.</summary>
    private string? LastOf(string first, string second)
    {
        var protocols = (Protocols ?? "").AsSpan();
        string? last = null;
        foreach (var range in protocols.Split(':'))
        {
            if (protocols[range].SequenceEqual(first))
                last = first;
            else if (protocols[range].SequenceEqual(second))
                last = second;
        }
        return last;
    }

    public bool Has(TcpFlags flag) => Flags is { } flags && (flags & flag) == flag;

    public int PayloadLength => TcpLength ?? 0;
}
