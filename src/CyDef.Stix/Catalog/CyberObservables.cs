using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The 18 STIX Cyber-observable Objects of §6 and the structured types only they use. The objects are built by
/// the methods of the partial files (by concern: network, host, content); the structured types are fields of this
/// file, declared before <see cref="All"/> because static initialisers run in textual order only within one part.
/// </summary>
internal static partial class CyberObservables
{
    /// <summary>§6.6.2 Email MIME Component Type.</summary>
    public static readonly ObjectSpec EmailMimePart = new("email-mime-part-type", StixCategory.Nested, "6.6.2",
    [
        Str("body"),
        Ref("body_raw_ref", "artifact", "file"),
        Str("content_type"),
        Str("content_disposition"),
    ])
    {
        Rules = [ObservableRules.MimePartBodyOrRef],
    };

    /// <summary>§6.17.2 Windows Registry Value Type: at least one property MUST be present.</summary>
    public static readonly ObjectSpec WindowsRegistryValue = new("windows-registry-value-type", StixCategory.Nested, "6.17.2",
    [
        Str("name"),
        Str("data"),
        Enum("data_type", Vocabularies.WindowsRegistryDatatype),
    ])
    {
        RequiresAnyProperty = true,
    };

    /// <summary>§6.18.2 X.509 v3 Extensions Type: at least one property MUST be present.</summary>
    public static readonly ObjectSpec X509V3Extensions = new("x509-v3-extensions-type", StixCategory.Nested, "6.18.2",
    [
        Str("basic_constraints"),
        Str("name_constraints"),
        Str("policy_constraints"),
        Str("key_usage"),
        Str("extended_key_usage"),
        Str("subject_key_identifier"),
        Str("authority_key_identifier"),
        Str("subject_alternative_name"),
        Str("issuer_alternative_name"),
        Str("subject_directory_attributes"),
        Str("crl_distribution_points"),
        Str("inhibit_any_policy"),
        Time("private_key_usage_period_not_before"),
        Time("private_key_usage_period_not_after"),
        Str("certificate_policies"),
        Str("policy_mappings"),
    ])
    {
        RequiresAnyProperty = true,
    };

    /// <summary>Every cyber-observable object type of §6, in the specification's order.</summary>
    public static readonly ObjectSpec[] All =
    [
        Artifact(),
        AutonomousSystem(),
        Directory(),
        DomainName(),
        EmailAddress(),
        EmailMessage(),
        File(),
        Ipv4Address(),
        Ipv6Address(),
        MacAddress(),
        Mutex(),
        NetworkTraffic(),
        Process(),
        Software(),
        Url(),
        UserAccount(),
        WindowsRegistryKey(),
        X509Certificate(),
    ];

    /// <summary>The structured types that only cyber-observables use (§6.6.2, §6.17.2, §6.18.2).</summary>
    public static readonly ObjectSpec[] Nested = [EmailMimePart, WindowsRegistryValue, X509V3Extensions];
}
