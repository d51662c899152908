using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using CyDef.Stix.Catalog;

namespace CyDef.Stix.Json;

/// <summary>
/// Property names read from JSON, interned: the names the specification defines are shared strings,
/// so reading a million objects does not allocate a million copies of <c>"created"</c>.
/// </summary>
internal static class PropertyNames
{
    private const int MaxInternedLength = 64;

    private static readonly FrozenSet<string> Known = StixCatalog.AllPropertyNames()
        .Concat(["type", "id", "spec_version", "objects", "extension_type", "x_mitre_version", "x_mitre_domains", "x_mitre_modified_by_ref", "x_mitre_attack_spec_version", "x_mitre_deprecated", "x_mitre_platforms"])
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Read(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || reader.HasValueSequence || raw.Length > MaxInternedLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxInternedLength];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= 0x80)
            {
                return reader.GetString()!;
            }

            chars[i] = (char)raw[i];
        }

        return Lookup.TryGetValue(chars[..raw.Length], out var interned) ? interned : Encoding.ASCII.GetString(raw);
    }
}
