using System.Text;

namespace CyDef.Stix.Json;

/// <summary>The JSON path of the value being read, kept cheaply so that an error can name it.</summary>
internal struct PathTracker
{
    private readonly string _root;
    private readonly string?[] _names;
    private readonly int[] _indexes;
    private int _depth;

    /// <summary>A tracker over arrays that the caller reuses between parses (at least max depth + 2 long).</summary>
    public PathTracker(string root, string?[] names, int[] indexes)
    {
        _root = root;
        _names = names;
        _indexes = indexes;
        _depth = 0;
    }

    public void Push()
    {
        _depth++;
        _names[_depth] = null;
        _indexes[_depth] = -1;
    }

    public void Pop() => _depth--;

    public readonly void SetName(string name)
    {
        _names[_depth] = name;
        _indexes[_depth] = -1;
    }

    public readonly void SetIndex(int index)
    {
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
