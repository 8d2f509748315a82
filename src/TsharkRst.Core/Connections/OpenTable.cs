using System.Numerics;
using System.Runtime.CompilerServices;

namespace TsharkRst.Connections;

/// <summary>A hash table (open addressing, linear probing) for the lookups made for every packet of a
/// capture. The BCL dictionary over a struct key runs unoptimised code until the runtime recompiles it,
/// which is most of a short run; this one is compiled fully optimised at its first call.</summary>
internal sealed class OpenTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : class
{
    private TKey[] _keys = new TKey[256];
    private TValue?[] _values = new TValue?[256];
    private int _count;

    [MethodImpl(HotPath.Compilation)]
    public TValue? Find(in TKey key)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            var value = _values[slot];
            if (value is null || _keys[slot].Equals(key))
                return value;
        }
    }

    /// <summary>Adds <paramref name="key"/> or replaces its value.</summary>
    [MethodImpl(HotPath.Compilation)]
    public void Set(in TKey key, TValue value)
    {
        if ((_count + 1) * 4 > _keys.Length * 3)
            Grow();
        var mask = _keys.Length - 1;
        var slot = Slot(key, mask);
        while (_values[slot] is not null && !_keys[slot].Equals(key))
            slot = (slot + 1) & mask;
        if (_values[slot] is null)
            _count++;
        (_keys[slot], _values[slot]) = (key, value);
    }

    /// <summary>Removes <paramref name="key"/> when it maps to <paramref name="value"/>.</summary>
    public void Remove(in TKey key, TValue value)
    {
        var mask = _keys.Length - 1;
        var slot = Slot(key, mask);
        while (_values[slot] is { } present && !(ReferenceEquals(present, value) && _keys[slot].Equals(key)))
            slot = (slot + 1) & mask;
        if (_values[slot] is null)
            return;
        // Backward-shift deletion: the entries after it that probed past it move up, so no search stops early.
        for (var next = (slot + 1) & mask; _values[next] is not null; next = (next + 1) & mask)
        {
            var home = Slot(_keys[next], mask);
            if (((next - home) & mask) >= ((next - slot) & mask))
            {
                (_keys[slot], _values[slot]) = (_keys[next], _values[next]);
                slot = next;
            }
        }
        (_keys[slot], _values[slot]) = (default, null);
        _count--;
    }

    // Fibonacci hashing spreads keys whose hash codes differ only in their high bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(in TKey key, int mask) =>
        (int)((uint)key.GetHashCode() * 0x9E3779B9u >> 7) & mask;

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)keys.Length * 2);
        (_keys, _values, _count) = (new TKey[size], new TValue?[size], 0);
        for (var i = 0; i < keys.Length; i++)
            if (values[i] is { } value)
                Set(keys[i], value);
    }
}
