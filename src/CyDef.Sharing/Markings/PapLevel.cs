namespace CyDef.Sharing.Markings;

/// <summary>
/// The Permissible Actions Protocol: what a recipient may do with the information (not who may see it).
/// </summary>
public enum PapLevel
{
    /// <summary>PAP:CLEAR — no restriction on use.</summary>
    Clear,

    /// <summary>PAP:GREEN — active actions allowed, such as blocking.</summary>
    Green,

    /// <summary>PAP:AMBER — passive cross-checks only (e.g. searching logs); no action the adversary could detect.</summary>
    Amber,

    /// <summary>PAP:RED — non-detectable use only; no lookups outside the recipient's own systems.</summary>
    Red,
}
