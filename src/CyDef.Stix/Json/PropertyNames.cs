using System.Text;
using System.Text.Json;
using CyDef.Stix.Catalog;
using CyDef.Stix.Model;

namespace CyDef.Stix.Json;

/// <summary>
/// Property names read from JSON, interned: the names the specification defines are shared strings,
/// so reading a million objects does not allocate a million copies of <c>"created"</c>. Each known name
/// also says whether its values repeat from object to object (types, vocabulary terms, marking and creator
/// references), which the reader then shares too (<see cref="ValueCache"/>).
/// </summary>
internal static class PropertyNames
{
    private const int MaxInternedLength = 64;

    // Properties whose values are few and shared across a feed, besides those typed by a vocabulary.
    private static readonly string[] RepeatingNames =
    [
        "type", "spec_version", "created_by_ref", "object_marking_refs", "marking_ref", "selectors", "lang", "labels",
        "pattern_type", "pattern_version", "source_name", "kill_chain_name", "phase_name", "protocols", "encoding",
        "mime_type", "x_mitre_version", "x_mitre_domains", "x_mitre_modified_by_ref", "x_mitre_attack_spec_version",
        "x_mitre_platforms", "x_mitre_deprecated", "where_sighted_refs", "extension_type", "tlp", "definition_type",
        "relationship_type",
    ];

    private static readonly Entry?[] Table = Build(out Mask);
    private static readonly int Mask;

    /// <summary>Reads the current property name.</summary>
    /// <param name="reader">A reader on a property name.</param>
    /// <param name="repeatsValues">Whether the property's values are worth sharing.</param>
    /// <param name="bit">One bit of 64 chosen by the name's text: equal names have the same bit, so an object
    /// whose names so far do not have it cannot already hold the name.</param>
    public static string Read(ref Utf8JsonReader reader, out bool repeatsValues, out ulong bit)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Rare: an escaped name is decoded, then interned if it is a known one.
            var decoded = reader.GetString()!;
            var utf8 = Encoding.UTF8.GetBytes(decoded);
            var decodedHash = Utf8Hash.Of(utf8);
            bit = 1UL << (int)(decodedHash & 63);
            repeatsValues = false;
            return utf8.Length <= MaxInternedLength && Find(utf8, decodedHash) is { } known ? Use(known, out repeatsValues) : decoded;
        }

        // GetString checks the UTF-8 of a name that is not a known one (the input may not have been checked).
        var raw = reader.ValueSpan;
        return Known(raw, out repeatsValues, out bit) ?? reader.GetString()!;
    }

    /// <summary>
    /// Reads a property name written without escapes in text known to be UTF-8 (or whose read is thrown away when it
    /// turns out not to be).
    /// </summary>
    /// <param name="raw">The name's bytes between the quotes.</param>
    /// <param name="values">The reading thread's cache, which shares a name that is not a known one (custom properties
    /// repeat on every object of a feed).</param>
    /// <param name="repeatsValues">Whether the property's values are worth sharing.</param>
    /// <param name="bit">As for <see cref="Read(ref Utf8JsonReader, out bool, out ulong)"/>.</param>
    public static string Read(ReadOnlySpan<byte> raw, ValueCache values, out bool repeatsValues, out ulong bit) =>
        Known(raw, out repeatsValues, out bit) ?? values.Name(raw);

    // The interned name when raw is a known one; null otherwise.
    private static string? Known(ReadOnlySpan<byte> raw, out bool repeatsValues, out ulong bit)
    {
        repeatsValues = false;
        var hash = Utf8Hash.Of(raw);
        bit = 1UL << (int)(hash & 63);
        return raw.Length <= MaxInternedLength && Find(raw, hash) is { } entry ? Use(entry, out repeatsValues) : null;
    }

    private static string Use(Entry entry, out bool repeatsValues)
    {
        repeatsValues = entry.RepeatsValues;
        return entry.Name;
    }

    private static Entry? Find(ReadOnlySpan<byte> utf8, uint hash)
    {
        // The low 6 bits choose the name's bit; the table is indexed by the others.
        for (var i = (int)(hash >> 6) & Mask; Table[i] is { } entry; i = (i + 1) & Mask)
        {
            if (utf8.SequenceEqual(entry.Utf8))
            {
                return entry;
            }
        }

        return null;
    }

    private static Entry?[] Build(out int mask)
    {
        var repeating = new HashSet<string>(RepeatingNames, StringComparer.Ordinal);
        var names = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var property in StixCatalog.AllProperties())
        {
            var item = property.Items ?? property;
            var repeats = item.Type is PropertyType.OpenVocabulary or PropertyType.Enumeration || repeating.Contains(property.Name);
            names[property.Name] = names.GetValueOrDefault(property.Name) || repeats;
        }

        foreach (var name in RepeatingNames.Concat(["id", "objects"]))
        {
            names[name] = names.GetValueOrDefault(name) || repeating.Contains(name);
        }

        var table = new Entry?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)names.Count * 4)];
        mask = table.Length - 1;
        foreach (var (name, repeats) in names)
        {
            // The catalogue's own string instances (literals, so interned) are handed out.
            var interned = string.IsInterned(name) ?? name;
            var entry = new Entry(Encoding.UTF8.GetBytes(interned), interned, repeats);
            var i = (int)(Utf8Hash.Of(entry.Utf8) >> 6) & mask;
            while (table[i] is not null)
            {
                i = (i + 1) & mask;
            }

            table[i] = entry;
        }

        return table;
    }

    private sealed record Entry(byte[] Utf8, string Name, bool RepeatsValues);
}
