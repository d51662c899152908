using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The open vocabularies (§10) and enumerations of STIX 2.1, values in the specification's order. This part
/// holds those of the domain, relationship and meta objects; <c>Vocabularies.Observables.cs</c> those of §6.
/// </summary>
public static partial class Vocabularies
{
    /// <summary>
    /// attack-motivation-ov (§10.2): why an intrusion set or threat actor acts (<c>primary_motivation</c>,
    /// <c>secondary_motivations</c>, <c>personal_motivations</c>).
    /// </summary>
    public static Vocabulary AttackMotivation { get; } = new("attack-motivation-ov", "10.2",
        "accidental", "coercion", "dominance", "ideology", "notoriety", "organizational-gain", "personal-gain",
        "personal-satisfaction", "revenge", "unpredictable");

    /// <summary>attack-resource-level-ov (§10.3): the resources an intrusion set or threat actor has (<c>resource_level</c>).</summary>
    public static Vocabulary AttackResourceLevel { get; } = new("attack-resource-level-ov", "10.3",
        "individual", "club", "contest", "team", "organization", "government");

    /// <summary>
    /// extension-type-enum (§10.5): what an extension definition defines (<c>extension_types</c>, and an
    /// extension's <c>extension_type</c>).
    /// </summary>
    public static Vocabulary ExtensionType { get; } = new("extension-type-enum", "10.5",
        "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");

    /// <summary>grouping-context-ov (§10.6): the context a grouping's objects share (grouping <c>context</c>).</summary>
    public static Vocabulary GroupingContext { get; } = new("grouping-context-ov", "10.6",
        "suspicious-activity", "malware-analysis", "unspecified");

    /// <summary>identity-class-ov (§10.8): the kind of entity an identity describes (identity <c>identity_class</c>).</summary>
    public static Vocabulary IdentityClass { get; } = new("identity-class-ov", "10.8",
        "individual", "group", "system", "organization", "class", "unknown");

    /// <summary>implementation-language-ov (§10.9): programming languages (malware <c>implementation_languages</c>).</summary>
    public static Vocabulary ImplementationLanguage { get; } = new("implementation-language-ov", "10.9",
        "applescript", "bash", "c", "c++", "c#", "go", "java", "javascript", "lua", "objective-c", "perl", "php",
        "powershell", "python", "ruby", "rust", "scala", "swift", "typescript", "visual-basic", "x86-32", "x86-64");

    /// <summary>indicator-type-ov (§10.10): categories of indicator (indicator <c>indicator_types</c>).</summary>
    public static Vocabulary IndicatorType { get; } = new("indicator-type-ov", "10.10",
        "anomalous-activity", "anonymization", "benign", "compromised", "malicious-activity", "attribution", "unknown");

    /// <summary>industry-sector-ov (§10.11): industry sectors (identity <c>sectors</c>).</summary>
    public static Vocabulary IndustrySector { get; } = new("industry-sector-ov", "10.11",
        "agriculture", "aerospace", "automotive", "chemical", "commercial", "communications", "construction",
        "defense", "education", "energy", "entertainment", "financial-services", "government", "emergency-services",
        "government-local", "government-national", "government-public-services", "government-regional",
        "healthcare", "hospitality-leisure", "infrastructure", "dams", "nuclear", "water", "insurance", "legal",
        "manufacturing", "mining", "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications",
        "transportation", "utilities");

    /// <summary>infrastructure-type-ov (§10.12): kinds of infrastructure (infrastructure <c>infrastructure_types</c>).</summary>
    public static Vocabulary InfrastructureType { get; } = new("infrastructure-type-ov", "10.12",
        "amplification", "anonymization", "botnet", "command-and-control", "control-system", "exfiltration",
        "firewall", "hosting-malware", "hosting-target-lists", "phishing", "reconnaissance", "routers-switches",
        "staging", "workstation", "unknown");

    /// <summary>malware-capabilities-ov (§10.13): what malware can do (malware <c>capabilities</c>).</summary>
    public static Vocabulary MalwareCapabilities { get; } = new("malware-capabilities-ov", "10.13",
        "accesses-remote-machines", "anti-debugging", "anti-disassembly", "anti-emulation", "anti-memory-forensics",
        "anti-sandbox", "anti-vm", "captures-input-peripherals", "captures-output-peripherals",
        "captures-system-state-data", "cleans-traces-of-infection", "commits-fraud", "communicates-with-c2",
        "compromises-data-availability", "compromises-data-integrity", "compromises-system-availability",
        "controls-local-machine", "degrades-security-software", "degrades-system-updates", "determines-c2-server",
        "emails-spam", "escalates-privileges", "evades-av", "exfiltrates-data", "fingerprints-host", "hides-artifacts",
        "hides-executing-code", "infects-files", "infects-remote-machines", "installs-other-components",
        "persists-after-system-reboot", "prevents-artifact-access", "prevents-artifact-deletion",
        "probes-network-environment", "self-modifies", "steals-authentication-credentials",
        "violates-system-operational-integrity");

    /// <summary>malware-result-ov (§10.14): the verdict of a malware analysis (malware-analysis <c>result</c>).</summary>
    public static Vocabulary MalwareResult { get; } = new("malware-result-ov", "10.14",
        "malicious", "suspicious", "benign", "unknown");

    /// <summary>malware-type-ov (§10.15): categories of malware (malware <c>malware_types</c>).</summary>
    public static Vocabulary MalwareType { get; } = new("malware-type-ov", "10.15",
        "adware", "backdoor", "bot", "bootkit", "ddos", "downloader", "dropper", "exploit-kit", "keylogger",
        "ransomware", "remote-access-trojan", "resource-exploitation", "rogue-security-software", "rootkit",
        "screen-capture", "spyware", "trojan", "unknown", "virus", "webshell", "wiper", "worm");

    /// <summary>opinion-enum (§10.18): a degree of agreement, from disagreement to agreement (opinion <c>opinion</c>).</summary>
    public static Vocabulary Opinion { get; } = new("opinion-enum", "10.18",
        "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");

    /// <summary>pattern-type-ov (§10.19): pattern languages (indicator <c>pattern_type</c>).</summary>
    public static Vocabulary PatternType { get; } = new("pattern-type-ov", "10.19",
        "stix", "pcre", "sigma", "snort", "suricata", "yara");

    /// <summary>processor-architecture-ov (§10.20): processor architectures (malware <c>architecture_execution_envs</c>).</summary>
    public static Vocabulary ProcessorArchitecture { get; } = new("processor-architecture-ov", "10.20",
        "alpha", "arm", "ia-64", "mips", "powerpc", "sparc", "x86", "x86-64");

    /// <summary>region-ov (§10.21): world regions, after the UN M49 scheme (location <c>region</c>).</summary>
    public static Vocabulary Region { get; } = new("region-ov", "10.21",
        "africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa", "western-africa",
        "americas", "caribbean", "central-america", "latin-america-caribbean", "northern-america", "south-america",
        "asia", "central-asia", "eastern-asia", "southern-asia", "south-eastern-asia", "western-asia",
        "europe", "eastern-europe", "northern-europe", "southern-europe", "western-europe",
        "oceania", "antarctica", "australia-new-zealand", "melanesia", "micronesia", "polynesia");

    /// <summary>report-type-ov (§10.22): the primary content of a report (report <c>report_types</c>).</summary>
    public static Vocabulary ReportType { get; } = new("report-type-ov", "10.22",
        "attack-pattern", "campaign", "identity", "incident", "indicator", "intrusion-set", "malware",
        "observed-data", "threat-actor", "threat-report", "tool", "vulnerability");

    /// <summary>threat-actor-type-ov (§10.23): kinds of threat actor (threat-actor <c>threat_actor_types</c>).</summary>
    public static Vocabulary ThreatActorType { get; } = new("threat-actor-type-ov", "10.23",
        "activist", "competitor", "crime-syndicate", "criminal", "hacker", "insider-accidental",
        "insider-disgruntled", "nation-state", "private-sector", "sensationalist", "spy", "terrorist", "unknown");

    /// <summary>threat-actor-role-ov (§10.24): the roles a threat actor plays (threat-actor <c>roles</c>).</summary>
    public static Vocabulary ThreatActorRole { get; } = new("threat-actor-role-ov", "10.24",
        "agent", "director", "independent", "infrastructure-architect", "infrastructure-operator", "malware-author",
        "sponsor");

    /// <summary>threat-actor-sophistication-ov (§10.25): a threat actor's skill (threat-actor <c>sophistication</c>).</summary>
    public static Vocabulary ThreatActorSophistication { get; } = new("threat-actor-sophistication-ov", "10.25",
        "none", "minimal", "intermediate", "advanced", "expert", "innovator", "strategic");

    /// <summary>tool-type-ov (§10.26): kinds of tool (tool <c>tool_types</c>).</summary>
    public static Vocabulary ToolType { get; } = new("tool-type-ov", "10.26",
        "denial-of-service", "exploitation", "information-gathering", "network-capture", "credential-exploitation",
        "remote-access", "vulnerability-scanning", "unknown");
}
