namespace CyDef.Detection.Index;

/// <summary>Distinct sets of marking references, each kept once and named by a number (most indicators share a few).</summary>
internal sealed class Markings
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<string[]> _sets = [[]];

    public int Intern(string[] refs)
    {
        var key = string.Join(',', refs);
        if (!_byKey.TryGetValue(key, out var id))
        {
            _byKey[key] = id = _sets.Count;
            _sets.Add(refs);
        }

        return id;
    }

    public string[] Get(int id) => _sets[id];
}
