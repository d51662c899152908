namespace CyDef.Stix.Validation;

/// <summary>How strongly the specification states the rule that was broken.</summary>
public enum ValidationSeverity : byte
{
    /// <summary>A MUST (or MUST NOT) of the specification: the content is invalid.</summary>
    Error,
    /// <summary>A SHOULD (or SHOULD NOT), or a best practice: the content is valid but questionable.</summary>
    Warning,
}
