namespace CyDef.Sharing.Markings;

/// <summary>
/// The EU classification levels of Council Decision 2013/488/EU, Article 2(2), in increasing order, with
/// <see cref="Unclassified"/> below them. A viewer's clearance is one of these; so is an object's level.
/// </summary>
public enum ClassificationLevel
{
    /// <summary>Not classified.</summary>
    Unclassified = 0,

    /// <summary>RESTREINT UE/EU RESTRICTED.</summary>
    Restricted = 1,

    /// <summary>CONFIDENTIEL UE/EU CONFIDENTIAL.</summary>
    Confidential = 2,

    /// <summary>SECRET UE/EU SECRET.</summary>
    Secret = 3,

    /// <summary>TRÈS SECRET UE/EU TOP SECRET.</summary>
    TopSecret = 4,
}
