using CyDef.Stix.Model;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The predefined cyber-observable extensions of §6 (the key in <c>extensions</c> is the extension's name; they do
/// not use the extension facility of §7.3) and the structured types only they use.
/// </summary>
internal static class ObservableExtensions
{
    /// <summary>§6.7.3 Alternate Data Stream Type.</summary>
    public static readonly ObjectSpec AlternateDataStream = new("alternate-data-stream-type", StixCategory.Nested, "6.7.3",
    [
        Str("name").AsRequired(),
        Hashes("hashes"),
        Int("size", 0),
    ]);

    /// <summary>§6.7.6 Windows PE Optional Header Type: at least one property MUST be present.</summary>
    public static readonly ObjectSpec WindowsPeOptionalHeader = new("windows-pe-optional-header-type", StixCategory.Nested, "6.7.6",
    [
        Hex("magic_hex"),
        Int("major_linker_version"),
        Int("minor_linker_version"),
        Int("size_of_code", 0),
        Int("size_of_initialized_data", 0),
        Int("size_of_uninitialized_data", 0),
        Int("address_of_entry_point"),
        Int("base_of_code"),
        Int("base_of_data"),
        Int("image_base"),
        Int("section_alignment"),
        Int("file_alignment"),
        Int("major_os_version"),
        Int("minor_os_version"),
        Int("major_image_version"),
        Int("minor_image_version"),
        Int("major_subsystem_version"),
        Int("minor_subsystem_version"),
        Hex("win32_version_value_hex"),
        Int("size_of_image", 0),
        Int("size_of_headers", 0),
        Hex("checksum_hex"),
        Hex("subsystem_hex"),
        Hex("dll_characteristics_hex"),
        Int("size_of_stack_reserve", 0),
        Int("size_of_stack_commit", 0),
        Int("size_of_heap_reserve", 0),
        Int("size_of_heap_commit", 0),
        Hex("loader_flags_hex"),
        Int("number_of_rva_and_sizes"),
        Hashes("hashes"),
    ])
    {
        RequiresAnyProperty = true,
    };

    /// <summary>§6.7.6 Windows PE Section Type. Shannon entropy over bytes lies between 0 and 8.</summary>
    public static readonly ObjectSpec WindowsPeSection = new("windows-pe-section-type", StixCategory.Nested, "6.7.6",
    [
        Str("name").AsRequired(),
        Int("size", 0),
        Float("entropy", 0, 8),
        Hashes("hashes"),
    ]);

    /// <summary>Every predefined extension of §6, in the specification's order.</summary>
    public static readonly ObjectSpec[] All =
    [
        // §6.7.2: contains_refs MUST refer to one or more File objects (or directories).
        new("archive-ext", StixCategory.Extension, "6.7.2",
        [
            Refs("contains_refs", "file", "directory").AsRequired(),
            Str("comment"),
        ]),
        // §6.7.3
        new("ntfs-ext", StixCategory.Extension, "6.7.3",
        [
            Str("sid"),
            ObjList("alternate_data_streams", AlternateDataStream),
        ])
        {
            RequiresAnyProperty = true,
        },
        // §6.7.4
        new("pdf-ext", StixCategory.Extension, "6.7.4",
        [
            Str("version"),
            Bool("is_optimized"),
            Dict("document_info_dict"),
            Str("pdfid0"),
            Str("pdfid1"),
        ])
        {
            RequiresAnyProperty = true,
            Rules = [ObservableRules.PdfDocumentInfoValues],
        },
        // §6.7.5
        new("raster-image-ext", StixCategory.Extension, "6.7.5",
        [
            Int("image_height"),
            Int("image_width"),
            Int("bits_per_pixel"),
            Dict("exif_tags"),
        ])
        {
            RequiresAnyProperty = true,
            Rules = [ObservableRules.ExifTagValues],
        },
        WindowsPeBinary(),
        // §6.12.2
        new("http-request-ext", StixCategory.Extension, "6.12.2",
        [
            Str("request_method").AsRequired(),
            Str("request_value").AsRequired(),
            Str("request_version"),
            Dict("request_header"),
            Int("message_body_length"),
            Ref("message_body_data_ref", "artifact"),
        ])
        {
            Rules = [ObservableRules.HttpHeaderValues],
        },
        // §6.12.3
        new("icmp-ext", StixCategory.Extension, "6.12.3",
        [
            Hex("icmp_type_hex").AsRequired(),
            Hex("icmp_code_hex").AsRequired(),
        ]),
        // §6.12.4
        new("socket-ext", StixCategory.Extension, "6.12.4",
        [
            Enum("address_family", Vocabularies.NetworkSocketAddressFamily).AsRequired(),
            Bool("is_blocking"),
            Bool("is_listening"),
            Dict("options"),
            Enum("socket_type", Vocabularies.NetworkSocketType),
            Int("socket_descriptor", 0),
            Int("socket_handle"),
        ])
        {
            Rules = [ObservableRules.SocketOptionValues],
        },
        // §6.12.5
        new("tcp-ext", StixCategory.Extension, "6.12.5",
        [
            Hex("src_flags_hex"),
            Hex("dst_flags_hex"),
        ])
        {
            RequiresAnyProperty = true,
        },
        // §6.13.2. The specification names the window title property windows_title (STIX 2.0 and the
        // OASIS schema: window_title); the text decides.
        new("windows-process-ext", StixCategory.Extension, "6.13.2",
        [
            Bool("aslr_enabled"),
            Bool("dep_enabled"),
            Str("priority"),
            Str("owner_sid"),
            Str("windows_title"),
            Dict("startup_info"),
            Enum("integrity_level", Vocabularies.WindowsIntegrityLevel),
        ])
        {
            RequiresAnyProperty = true,
        },
        // §6.13.3
        new("windows-service-ext", StixCategory.Extension, "6.13.3",
        [
            Str("service_name"),
            StrList("descriptions"),
            Str("display_name"),
            Str("group_name"),
            Enum("start_type", Vocabularies.WindowsServiceStartType),
            Refs("service_dll_refs", "file"),
            Enum("service_type", Vocabularies.WindowsServiceType),
            Enum("service_status", Vocabularies.WindowsServiceStatus),
        ])
        {
            RequiresAnyProperty = true,
        },
        // §6.16.2
        new("unix-account-ext", StixCategory.Extension, "6.16.2",
        [
            Int("gid"),
            StrList("groups"),
            Str("home_dir"),
            Str("shell"),
        ])
        {
            RequiresAnyProperty = true,
        },
    ];

    /// <summary>The structured types that only the predefined extensions use (§6.7.3, §6.7.6).</summary>
    public static readonly ObjectSpec[] Nested = [AlternateDataStream, WindowsPeOptionalHeader, WindowsPeSection];

    // §6.7.6: pe_type is required, and at least one other property MUST be present (a rule, since
    // RequiresAnyProperty would count pe_type).
    private static ObjectSpec WindowsPeBinary() => new("windows-pebinary-ext", StixCategory.Extension, "6.7.6",
    [
        Vocab("pe_type", Vocabularies.WindowsPeBinaryType).AsRequired(),
        Str("imphash"),
        Hex("machine_hex"),
        Int("number_of_sections", 0),
        Time("time_date_stamp"),
        Hex("pointer_to_symbol_table_hex"),
        Int("number_of_symbols", 0),
        Int("size_of_optional_header", 0),
        Hex("characteristics_hex"),
        Hashes("file_header_hashes"),
        Obj("optional_header", WindowsPeOptionalHeader),
        ObjList("sections", WindowsPeSection),
    ])
    {
        Rules = [ObservableRules.PeBinaryHasContent],
    };
}
