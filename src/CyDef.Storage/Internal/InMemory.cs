using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>Objects already in memory, as the items a reader would give.</summary>
internal static class InMemory
{
    public static IEnumerable<StixReadItem> Items(IEnumerable<StixValue> objects)
    {
        var index = 0;
        foreach (var value in objects)
        {
            yield return new StixReadItem(value, null, JsonPath.Index("$.objects", index++));
        }
    }
}
