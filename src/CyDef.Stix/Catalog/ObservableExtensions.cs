using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

internal static class ObservableExtensions
{
    public static readonly ObjectSpec[] All = [];
}
