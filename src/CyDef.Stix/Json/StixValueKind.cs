namespace CyDef.Stix.Json;

/// <summary>The kind of a JSON value in a STIX document.</summary>
public enum StixValueKind : byte
{
    /// <summary>A JSON object.</summary>
    Object,
    /// <summary>A JSON array.</summary>
    Array,
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A JSON number, kept as the text it was written with.</summary>
    Number,
    /// <summary>The literal <c>true</c>.</summary>
    True,
    /// <summary>The literal <c>false</c>.</summary>
    False,
    /// <summary>The literal <c>null</c> (STIX 2.1 §3.1 forbids it as a property value).</summary>
    Null,
}
