namespace TsharkRst.Capture;

/// <summary>Numbers 0 to n − 1 joined into sets (union–find, by size and with path halving).</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parents;
    private readonly int[] _sizes;

    public DisjointSets(int count)
    {
        _parents = new int[count];
        _sizes = new int[count];
        for (var i = 0; i < count; i++)
            (_parents[i], _sizes[i]) = (i, 1);
    }

    /// <summary>The number that stands for <paramref name="number"/>'s set.</summary>
    public int Find(int number)
    {
        while (_parents[number] != number)
            number = _parents[number] = _parents[_parents[number]];
        return number;
    }

    public void Join(int a, int b)
    {
        (a, b) = (Find(a), Find(b));
        if (a == b)
            return;
        if (_sizes[a] < _sizes[b])
            (a, b) = (b, a);
        _parents[b] = a;
        _sizes[a] += _sizes[b];
    }
}
