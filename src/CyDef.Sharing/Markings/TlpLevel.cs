namespace CyDef.Sharing.Markings;

/// <summary>
/// Traffic Light Protocol 2.0 (FIRST, August 2022); TLP 1.0's WHITE is read as <see cref="Clear"/>.
/// </summary>
public enum TlpLevel
{
    /// <summary>TLP:CLEAR — disclosure is not limited.</summary>
    Clear,

    /// <summary>TLP:GREEN — limited disclosure, restricted to the community.</summary>
    Green,

    /// <summary>TLP:AMBER — limited disclosure, restricted to the recipients' organisations and their clients.</summary>
    Amber,

    /// <summary>TLP:AMBER+STRICT — limited disclosure, restricted to the recipients' organisations only.</summary>
    AmberStrict,

    /// <summary>TLP:RED — for the eyes and ears of individual recipients only.</summary>
    Red,
}
