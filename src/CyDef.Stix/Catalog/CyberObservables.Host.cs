using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

// What lives on a host: §6.3, §6.7, §6.11, §6.13, §6.14, §6.16, §6.17.
internal static partial class CyberObservables
{
    // §6.3
    private static ObjectSpec Directory() => new("directory", StixCategory.CyberObservable, "6.3",
    [
        .. CommonProperties.CyberObservable("directory"),
        Str("path").AsRequired(),
        Str("path_enc", StringFormat.CharacterSet),
        Time("ctime"),
        Time("mtime"),
        Time("atime"),
        Refs("contains_refs", "file", "directory"),
    ])
    {
        IdContributingProperties = ["path"],
    };

    // §6.7
    private static ObjectSpec File() => new("file", StixCategory.CyberObservable, "6.7",
    [
        .. CommonProperties.CyberObservable("file"),
        Hashes("hashes"),
        Int("size", 0),
        Str("name"),
        Str("name_enc", StringFormat.CharacterSet),
        Hex("magic_number_hex"),
        Str("mime_type", StringFormat.MediaType),
        Time("ctime"),
        Time("mtime"),
        Time("atime"),
        Ref("parent_directory_ref", "directory"),
        Refs("contains_refs", "<sco>"),
        Ref("content_ref", "artifact"),
    ])
    {
        IdContributingProperties = ["hashes", "name", "extensions", "parent_directory_ref"],
        Rules = [ObservableRules.FileHashesOrName],
    };

    // §6.11
    private static ObjectSpec Mutex() => new("mutex", StixCategory.CyberObservable, "6.11",
    [
        .. CommonProperties.CyberObservable("mutex"),
        Str("name").AsRequired(),
    ])
    {
        IdContributingProperties = ["name"],
    };

    // §6.13: no ID Contributing Properties, so its id is a UUIDv4.
    private static ObjectSpec Process() => new("process", StixCategory.CyberObservable, "6.13",
    [
        .. CommonProperties.CyberObservable("process"),
        Bool("is_hidden"),
        Int("pid"),
        Time("created_time"),
        Str("cwd"),
        Str("command_line"),
        Dict("environment_variables"),
        Refs("opened_connection_refs", "network-traffic"),
        Ref("creator_user_ref", "user-account"),
        Ref("image_ref", "file"),
        Ref("parent_ref", "process"),
        Refs("child_refs", "process"),
    ])
    {
        Rules = [ObservableRules.ProcessHasContent, ObservableRules.EnvironmentVariableValues],
    };

    // §6.14
    private static ObjectSpec Software() => new("software", StixCategory.CyberObservable, "6.14",
    [
        .. CommonProperties.CyberObservable("software"),
        Str("name").AsRequired(),
        Str("cpe", StringFormat.Cpe),
        Str("swid"),
        StrList("languages", StringFormat.LanguageTag),
        Str("vendor"),
        Str("version"),
    ])
    {
        IdContributingProperties = ["name", "cpe", "swid", "vendor", "version"],
    };

    // §6.16
    private static ObjectSpec UserAccount() => new("user-account", StixCategory.CyberObservable, "6.16",
    [
        .. CommonProperties.CyberObservable("user-account"),
        Str("user_id"),
        Str("credential"),
        Str("account_login"),
        Vocab("account_type", Vocabularies.AccountType),
        Str("display_name"),
        Bool("is_service_account"),
        Bool("is_privileged"),
        Bool("can_escalate_privs"),
        Bool("is_disabled"),
        Time("account_created"),
        Time("account_expires"),
        Time("credential_last_changed"),
        Time("account_first_login"),
        Time("account_last_login"),
    ])
    {
        IdContributingProperties = ["account_type", "user_id", "account_login"],
        Rules = [ObservableRules.UserAccountHasContent],
    };

    // §6.17: all items of values contribute to the id.
    private static ObjectSpec WindowsRegistryKey() => new("windows-registry-key", StixCategory.CyberObservable, "6.17",
    [
        .. CommonProperties.CyberObservable("windows-registry-key"),
        Str("key"),
        ObjList("values", WindowsRegistryValue),
        Time("modified_time"),
        Ref("creator_user_ref", "user-account"),
        Int("number_of_subkeys"),
    ])
    {
        IdContributingProperties = ["key", "values"],
        Rules = [ObservableRules.RegistryKeyHasContent, ObservableRules.RegistryKeyHiveExpanded],
    };
}
