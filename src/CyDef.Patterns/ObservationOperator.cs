namespace CyDef.Patterns;

/// <summary>The Observation Operators (STIX 2.1 §9.5.2), from highest to lowest precedence (§9.5.3).</summary>
public enum ObservationOperator : byte
{
    /// <summary><c>AND</c>: both expressions match, on different Observations.</summary>
    And,
    /// <summary><c>OR</c>: either expression matches.</summary>
    Or,
    /// <summary><c>FOLLOWEDBY</c>: both match, on different Observations, the right one no earlier than the left.</summary>
    FollowedBy,
}
