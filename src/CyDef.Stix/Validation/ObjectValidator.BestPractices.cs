using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

internal sealed partial class ObjectValidator
{
    /// <summary>SHOULD-level findings that concern a whole object.</summary>
    private void BestPractices(StixValue value, ObjectSpec spec, string path)
    {
        if (spec.Category == StixCategory.CyberObservable)
        {
            CheckObservableId(value, spec, path);
        }
        else
        {
            CheckRandomId(value["id"], new At(path, "id"));
        }

        if (spec.Type == "location" && value["country"]?.AsString() is { } country && !Countries.IsAlpha2(country))
        {
            Warning("countries", JsonPath.Property(path, "country"), $"country '{country}' should be an ISO 3166-1 alpha-2 code", "4.10");
        }
    }

    /// <summary>§2.9: SDOs, SROs, meta objects and bundles SHOULD use UUIDv4.</summary>
    internal void CheckRandomId(string? id, in At path)
    {
        if (id is not null && Formats.IsIdentifier(id, out _) && Formats.UuidVersion(id) != 4)
        {
            Warning("uuid-check", path, $"'{id}' should use a UUIDv4", "2.9");
        }
    }

    private void CheckRandomId(StixValue? id, in At path)
    {
        if (id is { IsString: true } && IsIdentifier(id, out _) && UuidVersion(id) != 4)
        {
            Warning("uuid-check", path, $"'{id.GetString()}' should use a UUIDv4", "2.9");
        }
    }

    /// <summary>SHOULD-level findings inside structured values.</summary>
    private void ShapeBestPractices(StixValue value, ObjectSpec shape, in At path)
    {
        if (ReferenceEquals(shape, CommonProperties.KillChainPhase))
        {
            foreach (var name in (ReadOnlySpan<string>)["kill_chain_name", "phase_name"])
            {
                if (value[name] is { } term && term.AsString() is { } text && !IsCleanTerm(term, text))
                {
                    Warning("kill-chain-names", path.Property(name), $"{name} '{text}' should be all lowercase, with hyphens between words", "2.11");
                }
            }
        }
        else if (ReferenceEquals(shape, CommonProperties.ExternalReference) && value.TryGetProperty("url", out _) && !value.TryGetProperty("hashes", out _))
        {
            Warning("extref-hashes", path, "an external reference with a url should have hashes of the content", "2.5");
        }
        else if (shape.Type == "windows-process-ext" && value["priority"]?.AsString() is { } priority && !priority.EndsWith("_CLASS", StringComparison.Ordinal))
        {
            Warning("windows-process-priority-format", path.Property("priority"), $"priority '{priority}' should end in '_CLASS'", "6.13.2");
        }
        else if (shape.Type == "pdf-ext" && value["document_info_dict"] is { IsObject: true } info)
        {
            foreach (var (key, _) in info.Properties)
            {
                if (!PdfInfoKeys.Contains(key))
                {
                    Warning("pdf-doc-info", path.Property("document_info_dict").Property(key), $"'{key}' is not a key of the PDF document information dictionary", "6.7.4");
                }
            }
        }
    }

    // A term the reader shares is checked once (kill chain and phase names repeat across a feed).
    private bool IsCleanTerm(StixValue term, string text)
    {
        if (term.IsShared && _cleanShared.Contains(term, TermCheck))
        {
            return true;
        }

        var clean = Formats.IsOpenVocabularyTerm(text);
        if (clean && term.IsShared)
        {
            _cleanShared.Add(term, TermCheck);
        }

        return clean;
    }

    // Stands for the open-vocabulary term format in the cache of values found clean.
    private static readonly PropertySpec TermCheck = new("(open vocabulary term format)", PropertyType.String);

    // ISO 32000-1 §14.3.3, Table 317.
    private static readonly HashSet<string> PdfInfoKeys = new(StringComparer.Ordinal)
    {
        "Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped",
    };

    // §2.9: SCOs SHOULD use UUIDv5 ids made from their ID Contributing Properties. Whether a UUIDv5 is
    // the one those properties give is left to DeterministicId.Verify: producers may use other namespaces.
    private void CheckObservableId(StixValue value, ObjectSpec spec, string path)
    {
        if (value["id"] is not { IsString: true } id || !IsIdentifier(id, out _))
        {
            return;
        }

        var hasContributing = false;
        var contributing = spec.IdContributingProperties;
        for (var i = 0; i < contributing.Count && !hasContributing; i++)
        {
            hasContributing = value.TryGetProperty(contributing[i], out _);
        }

        if (!hasContributing)
        {
            if (UuidVersion(id) != 4)
            {
                Error(JsonPath.Property(path, "id"), $"a {spec.Type} with no ID Contributing Properties must use a UUIDv4 for its id", "2.9");
            }
        }
        else if (UuidVersion(id) != 5)
        {
            Warning("uuid-check", JsonPath.Property(path, "id"), "SCO ids should be UUIDv5, made from the ID Contributing Properties", "2.9");
        }
    }
}
