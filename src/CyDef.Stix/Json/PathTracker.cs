using System.Text;

namespace CyDef.Stix.Json;

/// <summary>The JSON path of the value being read, kept cheaply so that an error can name it.</summary>
internal struct PathTracker
{
    private readonly string _root;
    private readonly string?[] _names;
    private readonly int[] _indexes;
    private readonly bool _enabled;
    private int _depth;

    /// <summary>A tracker over arrays that the caller reuses between parses (at least max depth + 2 long).</summary>
    /// <remarks>A disabled tracker follows nothing: a read that succeeds never needs its path.</remarks>
    public PathTracker(string root, string?[] names, int[] indexes, bool enabled = true)
    {
        _root = root;
        _names = names;
        _indexes = indexes;
        _enabled = enabled;
        _depth = 0;
    }

    public void Push()
    {
        if (!_enabled)
        {
            return;
        }

        _depth++;
        _names[_depth] = null;
        _indexes[_depth] = -1;
    }

    public void Pop()
    {
        if (_enabled)
        {
            _depth--;
        }
    }

    public readonly void SetName(string name)
    {
        if (!_enabled)
        {
            return;
        }

        _names[_depth] = name;
        _indexes[_depth] = -1;
    }

    public readonly void SetIndex(int index)
    {
        if (!_enabled)
        {
            return;
        }

        _names[_depth] = null;
        _indexes[_depth] = index;
    }

    public override readonly string ToString()
    {
        var path = _root;
        for (var i = 1; i <= _depth; i++)
        {
            if (_names[i] is { } name)
            {
                path = JsonPath.Property(path, name);
            }
            else if (_indexes[i] >= 0)
            {
                path = JsonPath.Index(path, _indexes[i]);
            }
        }

        return path;
    }
}
