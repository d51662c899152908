using System.Text.Json;

namespace CyDef.Storage.Sharing;

/// <summary>
/// What the sharing policy needs of a stored version that has no granular markings and no provenance: its owner
/// (<c>created_by_ref</c>) and its object marking ids, read from the top level of the JSON without building the tree.
/// </summary>
internal readonly struct MarkingHeader
{
    private static readonly byte[] ProvenanceKey = System.Text.Encoding.UTF8.GetBytes(CyDef.Sharing.Provenance.Extension);

    private MarkingHeader(string? owner, List<string> markingRefs, bool granular, bool provenance)
    {
        Owner = owner;
        MarkingRefs = markingRefs;
        HasGranularMarkings = granular;
        HasProvenance = provenance;
    }

    public string? Owner { get; }

    public List<string> MarkingRefs { get; }

    public bool HasGranularMarkings { get; }

    /// <summary>Whether the version carries CyDef's provenance extension, on which the policy's answer to a peer depends.</summary>
    public bool HasProvenance { get; }

    /// <summary>Whether owner and object markings alone decide: no granular markings, no provenance.</summary>
    public bool DecidesAlone => !HasGranularMarkings && !HasProvenance;

    /// <summary>
    /// Reads the header of a JSON object; false for anything but a plain object whose <c>created_by_ref</c> (if any)
    /// is a string and whose <c>object_marking_refs</c> (if any) is a list of strings — such a version takes the
    /// policy's whole decision.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out MarkingHeader header)
    {
        header = default;
        string? owner = null;
        List<string>? refs = null;
        var granular = false;
        var provenance = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("created_by_ref"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    owner = reader.GetString();
                }
                else if (reader.ValueTextEquals("object_marking_refs"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    refs = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return false;
                        }

                        refs.Add(reader.GetString()!);
                    }
                }
                else if (reader.ValueTextEquals("granular_markings"u8))
                {
                    granular = true;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("extensions"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        provenance |= reader.ValueTextEquals(ProvenanceKey);
                        reader.Read();
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        header = new MarkingHeader(owner, refs ?? [], granular, provenance);
        return true;
    }

    public Key ToKey() => new(Owner, string.Join('\n', MarkingRefs));

    /// <summary>The combination the decision depends on.</summary>
    public readonly record struct Key(string? Owner, string Markings);
}
