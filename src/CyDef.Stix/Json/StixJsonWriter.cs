namespace CyDef.Stix.Json;

/// <summary>Writes STIX JSON.</summary>
public static class StixJsonWriter
{
    /// <summary>Compact JSON text.</summary>
    /// <param name="value">The value.</param>
    public static string ToJsonString(StixValue value) => throw new NotImplementedException();
}
