using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

internal static class MetaObjects
{
    public static readonly ObjectSpec[] All = [];
}
