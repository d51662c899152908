using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

internal static class DomainObjects
{
    public static readonly ObjectSpec[] All = [];
}
