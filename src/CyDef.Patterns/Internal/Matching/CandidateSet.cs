namespace CyDef.Patterns.Internal.Matching;

/// <summary>A set of small integers (bracket ids) cleared in O(1) by a generation stamp; reused per thread.</summary>
internal sealed class CandidateSet
{
    private int[] _stamps = new int[64];
    private int _generation = 1;

    public List<int> Items { get; } = [];

    public void Clear()
    {
        Items.Clear();
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    public void Add(int item)
    {
        if (item >= _stamps.Length)
        {
            Array.Resize(ref _stamps, Math.Max(item + 1, _stamps.Length * 2));
        }

        if (_stamps[item] != _generation)
        {
            _stamps[item] = _generation;
            Items.Add(item);
        }
    }

    public bool Contains(int item) => item < _stamps.Length && _stamps[item] == _generation;

    public void AddRange(List<int> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }
}
