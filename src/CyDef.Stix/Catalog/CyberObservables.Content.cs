using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

// Content that travels: §6.1, §6.5, §6.6, §6.18.
internal static partial class CyberObservables
{
    // §6.1
    private static ObjectSpec Artifact() => new("artifact", StixCategory.CyberObservable, "6.1",
    [
        .. CommonProperties.CyberObservable("artifact"),
        Str("mime_type", StringFormat.MediaType),
        Binary("payload_bin"),
        Str("url", StringFormat.Url),
        Hashes("hashes"),
        Enum("encryption_algorithm", Vocabularies.EncryptionAlgorithm),
        Str("decryption_key"),
    ])
    {
        IdContributingProperties = ["hashes", "payload_bin"],
        Rules =
        [
            ObservableRules.ArtifactPayloadOrUrl,
            ObservableRules.ArtifactHashesWithUrl,
            ObservableRules.ArtifactKeyNeedsAlgorithm,
        ],
    };

    // §6.5
    private static ObjectSpec EmailAddress() => new("email-addr", StixCategory.CyberObservable, "6.5",
    [
        .. CommonProperties.CyberObservable("email-addr"),
        Str("value").AsRequired(),
        Str("display_name"),
        Ref("belongs_to_ref", "user-account"),
    ])
    {
        IdContributingProperties = ["value"],
        Rules = [ObservableRules.EmailAddressValue],
    };

    // §6.6. message_id is in the property table though not in the summary of specific properties.
    private static ObjectSpec EmailMessage() => new("email-message", StixCategory.CyberObservable, "6.6",
    [
        .. CommonProperties.CyberObservable("email-message"),
        Bool("is_multipart").AsRequired(),
        Time("date"),
        Str("content_type"),
        Ref("from_ref", "email-addr"),
        Ref("sender_ref", "email-addr"),
        Refs("to_refs", "email-addr"),
        Refs("cc_refs", "email-addr"),
        Refs("bcc_refs", "email-addr"),
        Str("message_id"),
        Str("subject"),
        StrList("received_lines"),
        Dict("additional_header_fields"),
        Str("body"),
        ObjList("body_multipart", EmailMimePart),
        Ref("raw_email_ref", "artifact"),
    ])
    {
        IdContributingProperties = ["from_ref", "subject", "body"],
        Rules =
        [
            ObservableRules.EmailBodyNotMultipart,
            ObservableRules.EmailMultipartOnlyMultipart,
            ObservableRules.EmailHeaderValues,
        ],
    };

    // §6.18
    private static ObjectSpec X509Certificate() => new("x509-certificate", StixCategory.CyberObservable, "6.18",
    [
        .. CommonProperties.CyberObservable("x509-certificate"),
        Bool("is_self_signed"),
        Hashes("hashes"),
        Str("version"),
        Str("serial_number"),
        Str("signature_algorithm"),
        Str("issuer"),
        Time("validity_not_before"),
        Time("validity_not_after"),
        Str("subject"),
        Str("subject_public_key_algorithm"),
        Str("subject_public_key_modulus"),
        Int("subject_public_key_exponent"),
        Obj("x509_v3_extensions", X509V3Extensions),
    ])
    {
        IdContributingProperties = ["hashes", "serial_number"],
        Rules = [ObservableRules.CertificateHasContent],
    };
}
