using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>
/// Where a value stands, built into a JSONPath string only when a finding needs it or a walk goes deeper:
/// most values are checked and found fine, and their paths are never written out.
/// </summary>
internal readonly struct At
{
    private readonly string _parent;
    private readonly string? _name;
    private readonly int _index;

    public At(string parent, string name)
    {
        _parent = parent;
        _name = name;
        _index = -1;
    }

    public At(string parent, int index)
    {
        _parent = parent;
        _name = null;
        _index = index;
    }

    private At(string full)
    {
        _parent = full;
        _name = null;
        _index = -1;
    }

    /// <summary>The JSONPath.</summary>
    public string Full => _name is not null ? JsonPath.Property(_parent, _name) : _index >= 0 ? JsonPath.Index(_parent, _index) : _parent;

    public static implicit operator At(string full) => new(full);

    public override string ToString() => Full;
}
