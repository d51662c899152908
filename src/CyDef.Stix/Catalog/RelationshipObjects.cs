using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

internal static class RelationshipObjects
{
    public static readonly ObjectSpec[] All = [];
}
