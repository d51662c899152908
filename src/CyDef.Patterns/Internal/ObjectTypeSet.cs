namespace CyDef.Patterns.Internal;

/// <summary>
/// The object types a comparison expression can be satisfied by (§9.5): one type for a single comparison, the
/// union over OR, the intersection over AND. Holds one type without allocating a set, as most expressions do.
/// </summary>
internal sealed class ObjectTypeSet
{
    private string? _single;
    private HashSet<string>? _many;

    public ObjectTypeSet(string type) => _single = type;

    public bool Overlaps(ObjectTypeSet other) => _single is { } type ? other.Contains(type) : other.Types().Any(Contains);

    public void IntersectWith(ObjectTypeSet other)
    {
        if (_single is { } type)
        {
            _single = other.Contains(type) ? type : null;
        }
        else
        {
            _many!.RemoveWhere(t => !other.Contains(t));
        }
    }

    public void UnionWith(ObjectTypeSet other)
    {
        if (other._single is { } type && Contains(type))
        {
            return;
        }

        _many ??= new HashSet<string>(StringComparer.Ordinal);
        if (_single is not null)
        {
            _many.Add(_single);
            _single = null;
        }

        _many.UnionWith(other.Types());
    }

    public IEnumerable<string> Types() => _single is { } type ? [type] : _many ?? [];

    private bool Contains(string type) => _single is { } single ? single == type : _many?.Contains(type) == true;
}
