namespace CyDef.Detection.Exports;

/// <summary>One value of one indicator, as sensor exports write it.</summary>
/// <param name="IndicatorId">The indicator's id.</param>
/// <param name="Name">The indicator's name, when the reader may see one.</param>
/// <param name="Type">What the value is.</param>
/// <param name="Value">The value, normalised (lower-case names and digests).</param>
public readonly record struct ExportEntry(string IndicatorId, string? Name, IndicatorValueType Type, string Value)
{
    /// <summary>Whether the value is a CIDR block rather than one address.</summary>
    public bool IsCidr => Type is IndicatorValueType.Ipv4 or IndicatorValueType.Ipv6 && Value.Contains('/', StringComparison.Ordinal);
}
