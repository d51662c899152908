namespace CyDef.Server.Web.Data;

/// <summary>The fields of the create and edit form; which ones a type uses is in <see cref="Editing"/>.</summary>
public sealed class ObjectForm
{
    /// <summary>name (indicator, report), abstract (note).</summary>
    public string Name { get; set; } = "";

    /// <summary>description (indicator, report, relationship), content (note).</summary>
    public string Description { get; set; } = "";

    /// <summary>The indicator's pattern.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The indicator's pattern_type.</summary>
    public string PatternType { get; set; } = "stix";

    /// <summary>The indicator's valid_from, the report's published (empty: now).</summary>
    public string ValidFrom { get; set; } = "";

    /// <summary>indicator_types or report_types, comma-separated.</summary>
    public string Kinds { get; set; } = "";

    /// <summary>object_refs (report, note), one id per line or comma-separated.</summary>
    public string ObjectRefs { get; set; } = "";

    /// <summary>The relationship's relationship_type.</summary>
    public string RelationshipType { get; set; } = "indicates";

    /// <summary>The relationship's source_ref.</summary>
    public string SourceRef { get; set; } = "";

    /// <summary>The relationship's target_ref.</summary>
    public string TargetRef { get; set; } = "";

    /// <summary>The TLP 2.0 marking: clear, green, amber, amber+strict, red, or none.</summary>
    public string Tlp { get; set; } = "green";

    /// <summary>The EU classification (a CyDef handling marking), or none.</summary>
    public string Classification { get; set; } = "none";
}
