using System.Runtime.InteropServices;

namespace TsharkRst.Benchmark;

/// <summary>libpcap's offline reader through P/Invoke: the alternative the managed reader was measured
/// against (libpcap.so.0.8 is Debian's name for it).</summary>
internal static unsafe partial class LibpcapReader
{
    private const string Library = "libpcap.so.0.8";

    [StructLayout(LayoutKind.Sequential)]
    private struct PacketHeader
    {
        public nint Seconds;
        public nint Microseconds;
        public uint CapturedLength;
        public uint Length;
    }

    [LibraryImport(Library, EntryPoint = "pcap_open_offline", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenOffline(string path, byte* errors);

    [LibraryImport(Library, EntryPoint = "pcap_next_ex")]
    private static partial int NextEx(nint handle, PacketHeader** header, byte** data);

    [LibraryImport(Library, EntryPoint = "pcap_datalink")]
    private static partial int DataLink(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    private static partial void Close(nint handle);

    /// <summary>Reads every packet, handing each to <paramref name="onPacket"/>; the number read.</summary>
    public static long ReadAll(string path, Action<int, ReadOnlySpan<byte>, uint> onPacket)
    {
        var errors = stackalloc byte[256];
        var handle = OpenOffline(path, errors);
        if (handle == 0)
            throw new InvalidOperationException("libpcap: " + Marshal.PtrToStringUTF8((nint)errors));
        try
        {
            var linkType = DataLink(handle);
            long packets = 0;
            PacketHeader* header;
            byte* data;
            while (NextEx(handle, &header, &data) == 1)
            {
                onPacket(linkType, new ReadOnlySpan<byte>(data, (int)header->CapturedLength), header->Length);
                packets++;
            }
            return packets;
        }
        finally
        {
            Close(handle);
        }
    }
}
