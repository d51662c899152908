using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

internal static class CyberObservables
{
    public static readonly ObjectSpec[] All = [];
}
