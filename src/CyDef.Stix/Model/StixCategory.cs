namespace CyDef.Stix.Model;

/// <summary>The kinds of STIX object (STIX 2.1 §2).</summary>
public enum StixCategory : byte
{
    /// <summary>A STIX Domain Object (§4).</summary>
    DomainObject,
    /// <summary>A STIX Relationship Object (§5).</summary>
    RelationshipObject,
    /// <summary>A STIX Cyber-observable Object (§6).</summary>
    CyberObservable,
    /// <summary>A STIX Meta Object: language content, marking definition, extension definition (§7).</summary>
    MetaObject,
    /// <summary>The bundle (§8).</summary>
    Bundle,
    /// <summary>A predefined extension of a cyber-observable (§6).</summary>
    Extension,
    /// <summary>A structured value that only appears inside another object (kill chain phase, MIME part…).</summary>
    Nested,
}
