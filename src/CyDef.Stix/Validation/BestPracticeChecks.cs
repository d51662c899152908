using System.Collections.Frozen;

namespace CyDef.Stix.Validation;

/// <summary>
/// The names of the SHOULD-level (best-practice) checks, as the OASIS STIX validator names them, so that
/// options written for it (<c>--disable custom-prefix</c>) mean the same here. <c>format-checks</c> and
/// <c>approved-values</c> name groups.
/// </summary>
public static class BestPracticeChecks
{
    /// <summary>The group of naming and format checks.</summary>
    public const string FormatChecks = "format-checks";

    /// <summary>The group of checks that values come from the specification's vocabularies.</summary>
    public const string ApprovedValues = "approved-values";

    private static readonly string[] FormatGroup =
    [
        "custom-prefix", "custom-prefix-lax", "uuid-check", "open-vocab-format", "kill-chain-names",
        "observable-object-keys", "observable-dictionary-keys", "malware-analysis-product",
        "windows-process-priority-format", "hash-length",
    ];

    private static readonly string[] ApprovedGroup =
    [
        "marking-definition-type", "relationship-types", "duplicate-ids", "all-vocabs", "attack-motivation",
        "attack-resource-level", "identity-class", "indicator-types", "industry-sector", "malware-types",
        "report-types", "threat-actor-types", "threat-actor-role", "threat-actor-sophistication", "tool-types",
        "region", "hash-algo", "windows-pebinary-type", "account-type", "indicator-pattern-types",
        "grouping-context", "implementation-languages", "infrastructure-types", "malware-capabilities",
        "malware-result", "processor-architecture", "countries", "mime-type", "protocols", "ipfix",
        "http-request-headers", "socket-options", "pdf-doc-info",
    ];

    private static readonly string[] Others =
    [
        "network-traffic-ports", "extref-hashes", "indicator-properties", "deprecated-properties",
        "extensions-use", "extension-description", "extension-properties",
    ];

    private static readonly FrozenSet<string> All =
        FormatGroup.Concat(ApprovedGroup).Concat(Others).Append(FormatChecks).Append(ApprovedValues).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every check name and group name.</summary>
    public static IReadOnlySet<string> Names => All;

    /// <summary>Whether <paramref name="name"/> names a check or a group.</summary>
    /// <param name="name">The name.</param>
    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>The checks that <paramref name="names"/> stand for, with groups expanded to their members.</summary>
    /// <param name="names">Check and group names.</param>
    public static IReadOnlySet<string> Expand(IEnumerable<string> names)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            result.UnionWith(name switch
            {
                FormatChecks => FormatGroup,
                ApprovedValues => ApprovedGroup,
                _ => [name],
            });
        }

        return result;
    }
}
