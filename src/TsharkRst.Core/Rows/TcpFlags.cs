namespace TsharkRst.Rows;

/// <summary>The TCP header's flag bits, as tshark prints them in <c>tcp.flags</c>.</summary>
[Flags]
public enum TcpFlags
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
}
