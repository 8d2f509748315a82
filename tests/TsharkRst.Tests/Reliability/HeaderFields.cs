using System.Buffers.Binary;

namespace TsharkRst.Tests.Reliability;

/// <summary>Where the length and type fields of a well-formed pcap or pcapng file lie, found by walking
/// its records or blocks independently of the reader under test, so mutations can aim at them.</summary>
internal static class HeaderFields
{
    /// <summary>One integer field: where it starts, its width (2 or 4), its byte order, and what it is.</summary>
    public sealed record Field(int Offset, int Width, bool BigEndian, string Name, bool IsLength);

    public static IReadOnlyList<Field> Of(byte[] capture) =>
        capture.Length < 4 ? [] : BinaryPrimitives.ReadUInt32BigEndian(capture) == 0x0A0D0D0A ? Pcapng(capture) : Pcap(capture);

    private static List<Field> Pcap(byte[] capture)
    {
        var fields = new List<Field>();
        if (capture.Length < 24)
            return fields;
        var big = capture[0] == 0xa1;
        fields.Add(new Field(4, 2, big, "pcap version", false));
        fields.Add(new Field(16, 4, big, "pcap snaplen", true));
        fields.Add(new Field(20, 4, big, "pcap link type", false));
        for (var at = 24L; at + 16 <= capture.Length;)
        {
            fields.Add(new Field((int)at + 8, 4, big, "pcap caplen", true));
            fields.Add(new Field((int)at + 12, 4, big, "pcap origlen", true));
            at += 16 + U32(capture, (int)at + 8, big);
        }
        return fields;
    }

    private static List<Field> Pcapng(byte[] capture)
    {
        var fields = new List<Field>();
        var big = false;
        for (var at = 0; at + 12 <= capture.Length;)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(capture.AsSpan(at)) == 0x0A0D0D0A)
            {
                big = capture[at + 8] == 0x1A;
                fields.Add(new Field(at + 8, 4, big, "byte-order magic", false));
                fields.Add(new Field(at + 12, 2, big, "section version", false));
            }
            var type = U32(capture, at, big);
            var announced = U32(capture, at + 4, big);
            if (announced < 12 || at + announced > capture.Length)
                break;
            var length = (int)announced;
            fields.Add(new Field(at, 4, big, "block type", false));
            fields.Add(new Field(at + 4, 4, big, $"block {type} length", true));
            fields.Add(new Field(at + length - 4, 4, big, $"block {type} closing length", true));
            if (type == 1 && length >= 20)
            {
                fields.Add(new Field(at + 8, 2, big, "interface link type", false));
                fields.Add(new Field(at + 12, 4, big, "interface snaplen", true));
                if (length >= 28)
                    fields.Add(new Field(at + 18, 2, big, "interface first option length", true));
            }
            if (type == 6 && length >= 32)
            {
                fields.Add(new Field(at + 8, 4, big, "packet interface id", false));
                fields.Add(new Field(at + 20, 4, big, "packet caplen", true));
                fields.Add(new Field(at + 24, 4, big, "packet origlen", true));
            }
            if (type == 3 && length >= 16)
                fields.Add(new Field(at + 8, 4, big, "simple packet origlen", true));
            at += length;
        }
        return fields;
    }

    private static uint U32(byte[] bytes, int at, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
}
