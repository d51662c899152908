using CyDef.Patterns.Internal.Evaluation;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>A "test" that accepts nothing and keeps every string value a path selects: the keys for index lookups.</summary>
internal sealed class ValueCollector() : ValueTest(false)
{
    public List<string> Values { get; } = [];

    protected override bool TestValue(StixValue value, string? binaryKey)
    {
        if (value.AsString() is { } text)
        {
            Values.Add(text);
        }

        return false;
    }
}
