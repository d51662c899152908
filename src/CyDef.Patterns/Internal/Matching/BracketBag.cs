namespace CyDef.Patterns.Internal.Matching;

/// <summary>A set of bracket ids with O(1) add and remove (swap with the last) and a flat list to loop over.</summary>
internal sealed class BracketBag
{
    private readonly List<int> _items = [];
    private readonly Dictionary<int, int> _positions = [];

    public int Count => _items.Count;

    public List<int> Items => _items;

    public void Add(int bracket)
    {
        if (_positions.TryAdd(bracket, _items.Count))
        {
            _items.Add(bracket);
        }
    }

    public void Remove(int bracket)
    {
        if (!_positions.Remove(bracket, out var position))
        {
            return;
        }

        var last = _items[^1];
        _items.RemoveAt(_items.Count - 1);
        if (position < _items.Count)
        {
            _items[position] = last;
            _positions[last] = position;
        }
    }
}
