using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

/// <summary>The names of the best-practice checks for open vocabularies, as the OASIS validator names them.</summary>
internal static class VocabularyChecks
{
    /// <summary><c>malware-type-ov</c> → <c>malware-types</c>; the names the reference validator's options use.</summary>
    public static string CheckName(Vocabulary vocabulary) => vocabulary.Name switch
    {
        "attack-motivation-ov" => "attack-motivation",
        "attack-resource-level-ov" => "attack-resource-level",
        "identity-class-ov" => "identity-class",
        "indicator-type-ov" => "indicator-types",
        "industry-sector-ov" => "industry-sector",
        "malware-type-ov" => "malware-types",
        "report-type-ov" => "report-types",
        "threat-actor-type-ov" => "threat-actor-types",
        "threat-actor-role-ov" => "threat-actor-role",
        "threat-actor-sophistication-ov" => "threat-actor-sophistication",
        "tool-type-ov" => "tool-types",
        "region-ov" => "region",
        "hash-algorithm-ov" => "hash-algo",
        "windows-pebinary-type-ov" => "windows-pebinary-type",
        "account-type-ov" => "account-type",
        "grouping-context-ov" => "grouping-context",
        "implementation-language-ov" => "implementation-languages",
        "infrastructure-type-ov" => "infrastructure-types",
        "malware-capabilities-ov" => "malware-capabilities",
        "malware-result-ov" => "malware-result",
        "processor-architecture-ov" => "processor-architecture",
        "pattern-type-ov" => "indicator-pattern-types",
        _ => "all-vocabs",
    };
}
