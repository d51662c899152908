namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>A sequence read on demand and kept, so that it can be walked many times but produced only as far as needed.</summary>
internal sealed class LazyList<T>(IEnumerable<T> source)
{
    private readonly List<T> _items = [];
    private IEnumerator<T>? _source = source.GetEnumerator();

    public bool TryGet(int index, out T item)
    {
        while (index >= _items.Count && _source is not null)
        {
            if (_source.MoveNext())
            {
                _items.Add(_source.Current);
            }
            else
            {
                _source.Dispose();
                _source = null;
            }
        }

        if (index < _items.Count)
        {
            item = _items[index];
            return true;
        }

        item = default!;
        return false;
    }

    public IEnumerable<T> Items()
    {
        for (var i = 0; TryGet(i, out var item); i++)
        {
            yield return item;
        }
    }
}
