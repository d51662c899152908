using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

// The vocabularies and enumerations that the cyber-observables of §6 and their extensions use.
public static partial class Vocabularies
{
    /// <summary>account-type-ov (§10.1): the types of user account (user-account <c>account_type</c>).</summary>
    public static Vocabulary AccountType { get; } = new("account-type-ov", "10.1",
        "facebook", "ldap", "nis", "openid", "radius", "skype", "tacacs", "twitter", "unix", "windows-local",
        "windows-domain");

    /// <summary>encryption-algorithm-enum (§10.4): how an artifact's payload is encrypted (artifact <c>encryption_algorithm</c>).</summary>
    public static Vocabulary EncryptionAlgorithm { get; } = new("encryption-algorithm-enum", "10.4",
        "AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");

    /// <summary>hash-algorithm-ov (§10.7): the keys of a <c>hashes</c> dictionary (§2.7).</summary>
    public static Vocabulary HashAlgorithm { get; } = new("hash-algorithm-ov", "10.7",
        "MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP", "TLSH");

    /// <summary>network-socket-address-family-enum (§10.16): the address family of a socket (socket-ext <c>address_family</c>).</summary>
    public static Vocabulary NetworkSocketAddressFamily { get; } = new("network-socket-address-family-enum", "10.16",
        "AF_UNSPEC", "AF_INET", "AF_IPX", "AF_APPLETALK", "AF_NETBIOS", "AF_INET6", "AF_IRDA", "AF_BTH");

    /// <summary>
    /// network-socket-type-enum (§10.17): the type of a socket (socket-ext <c>socket_type</c>). The values are
    /// those of the section's table; its summary line misspells SOCK_DGRAM.
    /// </summary>
    public static Vocabulary NetworkSocketType { get; } = new("network-socket-type-enum", "10.17",
        "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET");

    /// <summary>windows-integrity-level-enum (§10.27): the integrity level of a Windows process (windows-process-ext <c>integrity_level</c>).</summary>
    public static Vocabulary WindowsIntegrityLevel { get; } = new("windows-integrity-level-enum", "10.27",
        "low", "medium", "high", "system");

    /// <summary>windows-pebinary-type-ov (§10.28): the type of a PE binary (windows-pebinary-ext <c>pe_type</c>).</summary>
    public static Vocabulary WindowsPeBinaryType { get; } = new("windows-pebinary-type-ov", "10.28",
        "dll", "exe", "sys");

    /// <summary>windows-registry-datatype-enum (§10.29): the REG_* type of a registry value (windows-registry-value-type <c>data_type</c>).</summary>
    public static Vocabulary WindowsRegistryDatatype { get; } = new("windows-registry-datatype-enum", "10.29",
        "REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD", "REG_DWORD_BIG_ENDIAN",
        "REG_DWORD_LITTLE_ENDIAN", "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTION",
        "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD", "REG_INVALID_TYPE");

    /// <summary>windows-service-start-type-enum (§10.30): how a Windows service starts (windows-service-ext <c>start_type</c>).</summary>
    public static Vocabulary WindowsServiceStartType { get; } = new("windows-service-start-type-enum", "10.30",
        "SERVICE_AUTO_START", "SERVICE_BOOT_START", "SERVICE_DEMAND_START", "SERVICE_DISABLED", "SERVICE_SYSTEM_ALERT");

    /// <summary>windows-service-type-enum (§10.31): the type of a Windows service (windows-service-ext <c>service_type</c>).</summary>
    public static Vocabulary WindowsServiceType { get; } = new("windows-service-type-enum", "10.31",
        "SERVICE_KERNEL_DRIVER", "SERVICE_FILE_SYSTEM_DRIVER", "SERVICE_WIN32_OWN_PROCESS", "SERVICE_WIN32_SHARE_PROCESS");

    /// <summary>windows-service-status-enum (§10.32): the status of a Windows service (windows-service-ext <c>service_status</c>).</summary>
    public static Vocabulary WindowsServiceStatus { get; } = new("windows-service-status-enum", "10.32",
        "SERVICE_CONTINUE_PENDING", "SERVICE_PAUSE_PENDING", "SERVICE_PAUSED", "SERVICE_RUNNING",
        "SERVICE_START_PENDING", "SERVICE_STOP_PENDING", "SERVICE_STOPPED");
}
