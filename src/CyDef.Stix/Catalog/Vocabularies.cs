using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

/// <summary>The open vocabularies (§10) and enumerations of STIX 2.1.</summary>
public static partial class Vocabularies
{
}
