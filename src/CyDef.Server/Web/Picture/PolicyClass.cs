using CyDef.Stix.Json;

namespace CyDef.Server.Web.Picture;

/// <summary>
/// The newest versions of one type that the sharing policy cannot tell apart: same creator, same object markings, same
/// granular markings. The policy's answer for one of them is its answer for all, so a count asks it once per class.
/// </summary>
internal sealed class PolicyClass(string type, StixValue representative)
{
    /// <summary>The STIX type.</summary>
    public string Type { get; } = type;

    /// <summary>One stored object of the class, the one the policy is asked about.</summary>
    public StixValue Representative { get; } = representative;

    /// <summary>How many objects' newest versions are in the class.</summary>
    public int Count { get; set; }

    /// <summary>Sightings of the class by day (days since 0001-01-01).</summary>
    public Dictionary<int, int> Days { get; } = [];
}
