namespace CyDef.Stix.Json;

/// <summary>Reads STIX JSON.</summary>
public static class StixJsonReader
{
}
