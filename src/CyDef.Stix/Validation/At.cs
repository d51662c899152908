using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>
/// Where a value stands, written out as a JSONPath string only when a finding needs it: most values are
/// checked and found fine, and their paths are never written out.
/// </summary>
/// <remarks>
/// Inside a walk, an <see cref="At"/> is its own last step plus a depth into the walk's <see cref="PathStack"/>,
/// which holds the steps above it. Going down writes the parent's step into the stack, so an
/// <see cref="At"/> stays valid while the walk is inside its subtree — the way a recursive validator uses it.
/// Without a stack it is a parent path string and one step.
/// </remarks>
internal readonly struct At
{
    private readonly PathStack? _stack;
    private readonly string _parent;
    private readonly int _depth;
    private readonly string? _name;
    private readonly int _index;

    public At(string parent, string name)
        : this(null, parent, 0, name, -1)
    {
    }

    public At(string parent, int index)
        : this(null, parent, 0, null, index)
    {
    }

    private At(PathStack? stack, string parent, int depth, string? name, int index)
    {
        _stack = stack;
        _parent = parent;
        _depth = depth;
        _name = name;
        _index = index;
    }

    private bool HasStep => _name is not null || _index >= 0;

    /// <summary>The JSONPath.</summary>
    public string Full => _stack is not null ? _stack.Format(_depth, _name, _index) : Step(_parent, _name, _index);

    /// <summary>The root of a walk over <paramref name="stack"/>, at <paramref name="path"/>.</summary>
    public static At Root(PathStack stack, string path)
    {
        stack.Root = path;
        return new At(stack, path, 0, null, -1);
    }

    public static implicit operator At(string full) => new(null, full, 0, null, -1);

    /// <summary>The named property of the value here.</summary>
    public At Property(string name) => Down(name, -1);

    /// <summary>The item at <paramref name="index"/> of the array here.</summary>
    public At Index(int index) => Down(null, index);

    public override string ToString() => Full;

    internal static string Step(string parent, string? name, int index) =>
        name is not null ? JsonPath.Property(parent, name) : index >= 0 ? JsonPath.Index(parent, index) : parent;

    private At Down(string? name, int index)
    {
        if (_stack is null)
        {
            return new At(null, HasStep ? Full : _parent, 0, name, index);
        }

        if (!HasStep)
        {
            return new At(_stack, _parent, _depth, name, index);
        }

        _stack.Set(_depth, _name, _index);
        return new At(_stack, _parent, _depth + 1, name, index);
    }
}

/// <summary>The steps from the root of a walk down to where it stands (see <see cref="At"/>).</summary>
internal sealed class PathStack
{
    // How many paths of one or two steps from $ are kept (see Near).
    private const int MaxNearPaths = 4096;

    private readonly Dictionary<NearPath, string> _near = [];
    private string?[] _names = new string?[16];
    private int[] _indexes = new int[16];

    public string Root { get; set; } = "$";

    public void Set(int depth, string? name, int index)
    {
        if (depth >= _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
            Array.Resize(ref _indexes, _indexes.Length * 2);
        }

        _names[depth] = name;
        _indexes[depth] = index;
    }

    public string Format(int depth, string? name, int index)
    {
        if (depth <= 1 && Root == "$")
        {
            return Near(depth == 0 ? new NearPath(name, index, null, -1) : new NearPath(_names[0], _indexes[0], name, index));
        }

        var path = Root;
        for (var i = 0; i < depth; i++)
        {
            path = At.Step(path, _names[i], _indexes[i]);
        }

        return At.Step(path, name, index);
    }

    /// <summary>
    /// A path of one or two steps from <c>$</c>, written out once: the findings of a stream's objects, validated at
    /// <c>$</c>, are mostly about the same few top-level properties (a feed's custom properties, its external references).
    /// </summary>
    private string Near(NearPath steps)
    {
        if (_near.TryGetValue(steps, out var path))
        {
            return path;
        }

        if (_near.Count >= MaxNearPaths)
        {
            _near.Clear();
        }

        path = At.Step(At.Step("$", steps.Name, steps.Index), steps.Next, steps.NextIndex);
        _near.Add(steps, path);
        return path;
    }

    // Names compare by content: a custom property's name may be a new string in each object.
    private readonly record struct NearPath(string? Name, int Index, string? Next, int NextIndex);
}
