using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>A capture's TCP connections, grouped once (<see cref="ConnectionSides.StartsNewConnection"/>) and
/// numbered in the order of their first packet: the triage pass builds it from every packet, and without one
/// (--full, a pair, a link type only tshark reads) it is built from tshark's rows. Everything else about a
/// connection (tshark's rows, its summary) attaches to its number. They are structs in fixed-size blocks and
/// the table that finds them holds numbers, so a connection costs its struct and a few bytes: no object of its
/// own, and no array copied as the capture grows.</summary>
public sealed class ConnectionIndex : IReadOnlyList<IndexedConnection>
{
    private const int BlockBits = 12;
    private const int BlockSize = 1 << BlockBits;

    private readonly List<IndexedConnection[]> _blocks = [];
    // Open addressing: the number (+1, 0 is empty) of the latest connection on a pair of endpoints, and its hash.
    private int[] _slots = new int[1024];
    private int[] _hashes = new int[1024];
    private int _used;

    public int Count { get; private set; }

    /// <summary>How many of the connections carry a RST.</summary>
    public int ResetCount { get; private set; }

    public IndexedConnection this[int index] =>
        (uint)index < (uint)Count ? At(index) : throw new ArgumentOutOfRangeException(nameof(index), index, $"the index has {Count} connections");

    /// <summary>Adds a TCP packet to its connection (a new one when none is open on its endpoints, or when it
    /// starts another), and returns that connection's number.</summary>
    [MethodImpl(HotPath.Compilation)]
    public int Add(Endpoint source, Endpoint destination, long frame, long nanoseconds, TcpFlags flags, int payloadLength)
    {
        if (_slots.Length == 0)
            throw new InvalidOperationException("The index is complete: no packet can be added to it.");
        var hash = PairHash(source, destination);
        var mask = _slots.Length - 1;
        var slot = Home(hash, mask);
        for (; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_hashes[slot] != hash)
                continue;
            ref var found = ref At(_slots[slot] - 1);
            if (!Joins(found, source, destination))
                continue;
            var number = _slots[slot] - 1;
            if (found.Sides.StartsNewConnection(flags))
                _slots[slot] = (number = New(source, destination)) + 1;
            Record(ref At(number), source, destination, frame, nanoseconds, flags, payloadLength);
            return number;
        }

        if ((_used + 1) * 4 > _slots.Length * 3)
        {
            Grow();
            mask = _slots.Length - 1;
            for (slot = Home(hash, mask); _slots[slot] != 0; slot = (slot + 1) & mask)
            {
            }
        }
        _used++;
        var added = New(source, destination);
        (_slots[slot], _hashes[slot]) = (added + 1, hash);
        Record(ref At(added), source, destination, frame, nanoseconds, flags, payloadLength);
        return added;
    }

    /// <summary>No packet comes any more: the table that finds a connection by its endpoints is let go (8 MB for
    /// 625,000 connections), while the connections are read until the capture's reports are written.</summary>
    public void Complete() => (_slots, _hashes, _used) = ([], [], 0);

    /// <summary>The first frame of connection <paramref name="index"/>, read in place.</summary>
    internal long FirstFrameOf(int index) => At(index).FirstFrame;

    /// <summary>The frames of connection <paramref name="index"/>, read in place.</summary>
    internal FrameList.Enumerator FramesOf(int index) => At(index).Frames.GetEnumerator();

    public IEnumerator<IndexedConnection> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return At(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref IndexedConnection At(int index) => ref _blocks[index >> BlockBits][index & (BlockSize - 1)];

    private int New(Endpoint source, Endpoint destination)
    {
        if (Count == _blocks.Count * BlockSize)
            _blocks.Add(new IndexedConnection[BlockSize]);
        At(Count) = new IndexedConnection(source, destination);
        return Count++;
    }

    [MethodImpl(HotPath.Compilation)]
    private void Record(ref IndexedConnection connection, Endpoint source, Endpoint destination, long frame, long nanoseconds,
        TcpFlags flags, int payloadLength)
    {
        var wasReset = connection.HasReset;
        connection.Record(source, destination, frame, nanoseconds, flags, payloadLength);
        if (!wasReset && connection.HasReset)
            ResetCount++;
    }

    [MethodImpl(HotPath.Compilation)]
    private static bool Joins(in IndexedConnection connection, Endpoint source, Endpoint destination)
    {
        var (client, server) = (connection.Client, connection.Server);
        return client.Equals(source) ? server.Equals(destination) : client.Equals(destination) && server.Equals(source);
    }

    /// <summary>The same for both directions of a connection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PairHash(Endpoint a, Endpoint b) => a.GetHashCode() + b.GetHashCode();

    // Fibonacci hashing spreads hash codes that differ only in their high bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(int hash, int mask) => (int)((uint)hash * 0x9E3779B97F4A7C15UL >> 32) & mask;

    private void Grow()
    {
        var (slots, hashes) = (_slots, _hashes);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)slots.Length * 2);
        (_slots, _hashes) = (new int[size], new int[size]);
        var mask = size - 1;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] == 0)
                continue;
            var slot = Home(hashes[i], mask);
            while (_slots[slot] != 0)
                slot = (slot + 1) & mask;
            (_slots[slot], _hashes[slot]) = (slots[i], hashes[i]);
        }
    }
}
