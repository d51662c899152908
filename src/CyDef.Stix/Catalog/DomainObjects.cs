using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The STIX Domain Objects of §4: each one's properties (common ones from §3.2 included) and the rules
/// across them (<see cref="DomainRules"/>).
/// </summary>
internal static class DomainObjects
{
    public static readonly ObjectSpec[] All =
    [
        AttackPattern(), Campaign(), CourseOfAction(), Grouping(), Identity(), Incident(), Indicator(),
        Infrastructure(), IntrusionSet(), Location(), Malware(), MalwareAnalysis(), Note(), ObservedData(),
        Opinion(), Report(), ThreatActor(), Tool(), Vulnerability(),
    ];

    /// <summary>
    /// What <c>object_refs</c> of groupings, notes, opinions and reports (and language content's
    /// <c>object_ref</c>) may refer to: any STIX Object, which a bundle is not (§8).
    /// </summary>
    public static string[] AnyStixObject =>
        ["<sdo>", "<sco>", "<sro>", "language-content", "marking-definition", "extension-definition"];

    // §4.1
    private static ObjectSpec AttackPattern() => new("attack-pattern", StixCategory.DomainObject, "4.1",
    [
        .. CommonProperties.DomainAndRelationship("attack-pattern"),
        Str("name").AsRequired(),
        Str("description"),
        StrList("aliases"),
        KillChainPhases(),
    ])
    {
        Rules = [DomainRules.CapecExternalIds],
    };

    // §4.2
    private static ObjectSpec Campaign() => new("campaign", StixCategory.DomainObject, "4.2",
    [
        .. CommonProperties.DomainAndRelationship("campaign"),
        Str("name").AsRequired(),
        Str("description"),
        StrList("aliases"),
        Time("first_seen"),
        Time("last_seen"),
        Str("objective"),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("4.2")],
    };

    // §4.3. The RESERVED 'action' property is left out: §3.8 forbids it in 2.1 content.
    private static ObjectSpec CourseOfAction() => new("course-of-action", StixCategory.DomainObject, "4.3",
    [
        .. CommonProperties.DomainAndRelationship("course-of-action"),
        Str("name").AsRequired(),
        Str("description"),
    ]);

    // §4.4. The 2.1 Errata 01 table makes 'name' required (the OASIS JSON schema does not).
    private static ObjectSpec Grouping() => new("grouping", StixCategory.DomainObject, "4.4",
    [
        .. CommonProperties.DomainAndRelationship("grouping"),
        Str("name").AsRequired(),
        Str("description"),
        Vocab("context", Vocabularies.GroupingContext).AsRequired(),
        Refs("object_refs", AnyStixObject).AsRequired(),
    ]);

    // §4.5
    private static ObjectSpec Identity() => new("identity", StixCategory.DomainObject, "4.5",
    [
        .. CommonProperties.DomainAndRelationship("identity"),
        Str("name").AsRequired(),
        Str("description"),
        StrList("roles"),
        Vocab("identity_class", Vocabularies.IdentityClass),
        VocabList("sectors", Vocabularies.IndustrySector),
        Str("contact_information"),
    ]);

    // §4.6
    private static ObjectSpec Incident() => new("incident", StixCategory.DomainObject, "4.6",
    [
        .. CommonProperties.DomainAndRelationship("incident"),
        Str("name").AsRequired(),
        Str("description"),
    ]);

    // §4.7
    private static ObjectSpec Indicator() => new("indicator", StixCategory.DomainObject, "4.7",
    [
        .. CommonProperties.DomainAndRelationship("indicator"),
        Str("name"),
        Str("description"),
        VocabList("indicator_types", Vocabularies.IndicatorType),
        Str("pattern", StringFormat.Pattern).AsRequired(),
        Vocab("pattern_type", Vocabularies.PatternType).AsRequired(),
        Str("pattern_version"),
        Time("valid_from").AsRequired(),
        Time("valid_until"),
        KillChainPhases(),
    ])
    {
        Rules = [DomainRules.ValidUntilAfterValidFrom, DomainRules.IndicatorNameAndDescription],
    };

    // §4.8
    private static ObjectSpec Infrastructure() => new("infrastructure", StixCategory.DomainObject, "4.8",
    [
        .. CommonProperties.DomainAndRelationship("infrastructure"),
        Str("name").AsRequired(),
        Str("description"),
        VocabList("infrastructure_types", Vocabularies.InfrastructureType),
        StrList("aliases"),
        KillChainPhases(),
        Time("first_seen"),
        Time("last_seen"),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("4.8")],
    };

    // §4.9
    private static ObjectSpec IntrusionSet() => new("intrusion-set", StixCategory.DomainObject, "4.9",
    [
        .. CommonProperties.DomainAndRelationship("intrusion-set"),
        Str("name").AsRequired(),
        Str("description"),
        StrList("aliases"),
        Time("first_seen"),
        Time("last_seen"),
        StrList("goals"),
        Vocab("resource_level", Vocabularies.AttackResourceLevel),
        Vocab("primary_motivation", Vocabularies.AttackMotivation),
        VocabList("secondary_motivations", Vocabularies.AttackMotivation),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("4.9")],
    };

    // §4.10. No bound on precision: the specification sets none.
    private static ObjectSpec Location() => new("location", StixCategory.DomainObject, "4.10",
    [
        .. CommonProperties.DomainAndRelationship("location"),
        Str("name"),
        Str("description"),
        Float("latitude", -90, 90),
        Float("longitude", -180, 180),
        Float("precision"),
        Vocab("region", Vocabularies.Region),
        Str("country"),
        Str("administrative_area"),
        Str("city"),
        Str("street_address"),
        Str("postal_code"),
    ])
    {
        Rules =
        [
            DomainRules.LocationHasPlace, DomainRules.LatitudeNeedsLongitude, DomainRules.LongitudeNeedsLatitude,
            DomainRules.PrecisionNeedsCoordinates,
        ],
    };

    // §4.11. The 2.1 Errata 01 table makes 'is_family' optional (the OASIS JSON schema requires it).
    private static ObjectSpec Malware() => new("malware", StixCategory.DomainObject, "4.11",
    [
        .. CommonProperties.DomainAndRelationship("malware"),
        Str("name"),
        Str("description"),
        VocabList("malware_types", Vocabularies.MalwareType),
        Bool("is_family"),
        StrList("aliases"),
        KillChainPhases(),
        Time("first_seen"),
        Time("last_seen"),
        Refs("operating_system_refs", "software"),
        VocabList("architecture_execution_envs", Vocabularies.ProcessorArchitecture),
        VocabList("implementation_languages", Vocabularies.ImplementationLanguage),
        VocabList("capabilities", Vocabularies.MalwareCapabilities),
        Refs("sample_refs", "file", "artifact"),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("4.11"), DomainRules.MalwareFamilyHasName],
    };

    // §4.12
    private static ObjectSpec MalwareAnalysis() => new("malware-analysis", StixCategory.DomainObject, "4.12",
    [
        .. CommonProperties.DomainAndRelationship("malware-analysis"),
        Str("product").AsRequired(),
        Str("version"),
        Ref("host_vm_ref", "software"),
        Ref("operating_system_ref", "software"),
        Refs("installed_software_refs", "software"),
        Str("configuration_version"),
        StrList("modules"),
        Str("analysis_engine_version"),
        Str("analysis_definition_version"),
        Time("submitted"),
        Time("analysis_started"),
        Time("analysis_ended"),
        Str("result_name"),
        Vocab("result", Vocabularies.MalwareResult),
        Refs("analysis_sco_refs", "<sco>"),
        Ref("sample_ref", "file", "network-traffic", "artifact"),
    ])
    {
        Rules = [DomainRules.MalwareAnalysisHasResult, DomainRules.MalwareAnalysisProductName],
    };

    // §4.13
    private static ObjectSpec Note() => new("note", StixCategory.DomainObject, "4.13",
    [
        .. CommonProperties.DomainAndRelationship("note"),
        Str("abstract"),
        Str("content").AsRequired(),
        StrList("authors"),
        Refs("object_refs", AnyStixObject).AsRequired(),
    ]);

    // §4.14. 'objects' is the deprecated observable container (§2.13): SCOs keyed by local references.
    private static ObjectSpec ObservedData() => new("observed-data", StixCategory.DomainObject, "4.14",
    [
        .. CommonProperties.DomainAndRelationship("observed-data"),
        Time("first_observed").AsRequired(),
        Time("last_observed").AsRequired(),
        Int("number_observed", 1, 999_999_999).AsRequired(),
        Dict("objects").AsDeprecated(),
        Refs("object_refs", "<sco>", "<sro>"),
    ])
    {
        Rules =
        [
            DomainRules.LastObservedNotBeforeFirstObserved, DomainRules.ObjectsOrObjectRefs,
            DomainRules.ObjectRefsHaveObservable, DomainRules.ObservableContainer,
        ],
    };

    // §4.15
    private static ObjectSpec Opinion() => new("opinion", StixCategory.DomainObject, "4.15",
    [
        .. CommonProperties.DomainAndRelationship("opinion"),
        Str("explanation"),
        StrList("authors"),
        Enum("opinion", Vocabularies.Opinion).AsRequired(),
        Refs("object_refs", AnyStixObject).AsRequired(),
    ]);

    // §4.16
    private static ObjectSpec Report() => new("report", StixCategory.DomainObject, "4.16",
    [
        .. CommonProperties.DomainAndRelationship("report"),
        Str("name").AsRequired(),
        Str("description"),
        VocabList("report_types", Vocabularies.ReportType),
        Time("published").AsRequired(),
        Refs("object_refs", AnyStixObject).AsRequired(),
    ]);

    // §4.17
    private static ObjectSpec ThreatActor() => new("threat-actor", StixCategory.DomainObject, "4.17",
    [
        .. CommonProperties.DomainAndRelationship("threat-actor"),
        Str("name").AsRequired(),
        Str("description"),
        VocabList("threat_actor_types", Vocabularies.ThreatActorType),
        StrList("aliases"),
        Time("first_seen"),
        Time("last_seen"),
        VocabList("roles", Vocabularies.ThreatActorRole),
        StrList("goals"),
        Vocab("sophistication", Vocabularies.ThreatActorSophistication),
        Vocab("resource_level", Vocabularies.AttackResourceLevel),
        Vocab("primary_motivation", Vocabularies.AttackMotivation),
        VocabList("secondary_motivations", Vocabularies.AttackMotivation),
        VocabList("personal_motivations", Vocabularies.AttackMotivation),
    ])
    {
        Rules = [DomainRules.LastSeenNotBeforeFirstSeen("4.17")],
    };

    // §4.18
    private static ObjectSpec Tool() => new("tool", StixCategory.DomainObject, "4.18",
    [
        .. CommonProperties.DomainAndRelationship("tool"),
        Str("name").AsRequired(),
        Str("description"),
        VocabList("tool_types", Vocabularies.ToolType),
        StrList("aliases"),
        KillChainPhases(),
        Str("tool_version"),
    ]);

    // §4.19
    private static ObjectSpec Vulnerability() => new("vulnerability", StixCategory.DomainObject, "4.19",
    [
        .. CommonProperties.DomainAndRelationship("vulnerability"),
        Str("name").AsRequired(),
        Str("description"),
    ])
    {
        Rules = [DomainRules.CveExternalIds],
    };

    private static PropertySpec KillChainPhases() => ObjList("kill_chain_phases", CommonProperties.KillChainPhase);
}
