using System.Buffers;
using System.Text;
using CyDef.Stix.Json;
using CyDef.Stix.Model;
using CyDef.Stix.Validation;
using static CyDef.Stix.Catalog.CommonRules;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The MUSTs of §4 (domain objects) and §5 (relationship objects) that involve more than one property, or
/// a value's shape beyond its type, and that the content alone can decide; and the few SHOULDs there that
/// the reference validator checks by name (<c>indicator-properties</c>, <c>malware-analysis-product</c>,
/// <c>relationship-types</c>).
/// </summary>
internal static class DomainRules
{
    // The longest an object type can be (§3.1).
    private const int MaxTypeLength = 250;

    /// <summary>§4.2, §4.8, §4.9, §4.11, §4.17, §5.2: last_seen MUST be later than or equal to first_seen.</summary>
    public static ObjectRule LastSeenNotBeforeFirstSeen(string section) => NotBefore("last_seen", "first_seen", section);

    /// <summary>§4.1: a CAPEC reference has source_name 'capec' and an external_id of the form CAPEC-[id].</summary>
    public static readonly ObjectRule CapecExternalIds = ExternalIds("capec", "CAPEC-", IsCapecId, "CAPEC-[id]", "4.1");

    /// <summary>§4.19: a CVE reference has source_name 'cve' and an external_id that is the exact CVE identifier.</summary>
    public static readonly ObjectRule CveExternalIds = ExternalIds("cve", "CVE-", IsCveId, "CVE-YYYY-NNNN", "4.19");

    /// <summary>§4.7: valid_until MUST be later than valid_from.</summary>
    public static readonly ObjectRule ValidUntilAfterValidFrom = NotBefore("valid_until", "valid_from", "4.7", orEqual: false);

    /// <summary>§4.7 (SHOULD): producers provide a name and a description.</summary>
    public static readonly ObjectRule IndicatorNameAndDescription = (value, context) =>
    {
        if (!Has(value, "name") || !Has(value, "description"))
        {
            context.Warning("indicator-properties", "", "both 'name' and 'description' should be present", "4.7");
        }
    };

    /// <summary>§4.10: at least one of region, country, or latitude and longitude MUST be provided.</summary>
    public static readonly ObjectRule LocationHasPlace = (value, context) =>
    {
        if (!Has(value, "region") && !Has(value, "country") && !(Has(value, "latitude") && Has(value, "longitude")))
        {
            context.Error("", "at least one of 'region', 'country', or 'latitude' and 'longitude' must be present", "4.10");
        }
    };

    /// <summary>§4.10: longitude MUST be present when latitude is.</summary>
    public static readonly ObjectRule LatitudeNeedsLongitude =
        RequiredWhen("longitude", v => Has(v, "latitude"), "when 'latitude' is present", "4.10");

    /// <summary>§4.10: latitude MUST be present when longitude is.</summary>
    public static readonly ObjectRule LongitudeNeedsLatitude =
        RequiredWhen("latitude", v => Has(v, "longitude"), "when 'longitude' is present", "4.10");

    /// <summary>§4.10: latitude and longitude MUST be present when precision is.</summary>
    public static readonly ObjectRule PrecisionNeedsCoordinates = (value, context) =>
    {
        if (Has(value, "precision") && !(Has(value, "latitude") && Has(value, "longitude")))
        {
            context.Error("precision", "'latitude' and 'longitude' must be present when 'precision' is", "4.10");
        }
    };

    /// <summary>§4.11: the name of a malware family MUST be defined.</summary>
    public static readonly ObjectRule MalwareFamilyHasName =
        RequiredWhen("name", v => IsTrue(v, "is_family"), "when 'is_family' is true", "4.11");

    /// <summary>§4.12: one of result or analysis_sco_refs MUST be provided.</summary>
    public static readonly ObjectRule MalwareAnalysisHasResult = AtLeastOne("4.12", "result", "analysis_sco_refs");

    /// <summary>§4.12 (SHOULD): product names are lower case with words separated by '-'.</summary>
    public static readonly ObjectRule MalwareAnalysisProductName = (value, context) =>
    {
        if (value["product"]?.AsString() is { } product && !IsLowerHyphenated(product))
        {
            var message = $"product name '{product}' should be all lower case with words separated by '-'";
            context.Warning("malware-analysis-product", "product", message, "4.12");
        }
    };

    /// <summary>§4.14: last_observed MUST be later than or equal to first_observed.</summary>
    public static readonly ObjectRule LastObservedNotBeforeFirstObserved = NotBefore("last_observed", "first_observed", "4.14");

    /// <summary>§4.14: either objects or object_refs MUST be provided, and they MUST NOT both be present.</summary>
    public static readonly ObjectRule ObjectsOrObjectRefs = ExactlyOne("4.14", "objects", "object_refs");

    /// <summary>§4.14: object_refs MUST contain at least one SCO reference.</summary>
    public static readonly ObjectRule ObjectRefsHaveObservable = (value, context) =>
    {
        if (value["object_refs"] is not { IsArray: true, Count: > 0 } refs)
        {
            return;
        }

        foreach (var item in refs.Items)
        {
            // A custom type's category cannot be told from its name: it may be an SCO.
            if (item.AsString() is not { } id || TypeOf(id) is not { } type
                || StixCatalog.CategoryOf(type) is StixCategory.CyberObservable or null)
            {
                return;
            }
        }

        context.Error("object_refs", "'object_refs' must contain at least one SCO reference", "4.14");
    };

    /// <summary>
    /// §2.13, §4.14: the deprecated observable container holds SCOs (objects with a type); every reference
    /// inside it MUST resolve to a key of the same container; and objects not related to each other through
    /// those references MUST NOT share one container.
    /// </summary>
    public static readonly ObjectRule ObservableContainer = (value, context) =>
    {
        if (value["objects"] is { IsObject: true } objects)
        {
            new ContainerCheck(objects, context).Run();
        }
    };

    /// <summary>§5.1: relationship_type MUST be ASCII a-z, 0-9 and hyphen.</summary>
    public static readonly ObjectRule RelationshipTypeFormat = (value, context) =>
    {
        if (value["relationship_type"]?.AsString() is { } type && !IsTerm(type))
        {
            context.Error("relationship_type", $"'{type}' must contain only the characters a-z, 0-9 and hyphen", "5.1");
        }
    };

    /// <summary>§5.1: stop_time MUST be later than start_time.</summary>
    public static readonly ObjectRule StopTimeAfterStartTime = NotBefore("stop_time", "start_time", "5.1", orEqual: false);

    /// <summary>
    /// §5.1 (SHOULD): relationship types the specification defines are used between the types it defines
    /// them for (§4, §6 and Appendix B); related-to, derived-from and duplicate-of apply to all (§3.7).
    /// </summary>
    public static readonly ObjectRule SpecifiedRelationshipTypes = (value, context) =>
    {
        Span<char> sourceType = stackalloc char[MaxTypeLength];
        Span<char> targetType = stackalloc char[MaxTypeLength];
        if (value["relationship_type"]?.AsString() is not { } type || RelationshipObjects.CommonRelationshipTypes.Contains(type)
            || !TypeOf(value["source_ref"], sourceType, out var source) || !TypeOf(value["target_ref"], targetType, out var target)
            || StixCatalog.CategoryOf(source) is not (StixCategory.DomainObject or StixCategory.CyberObservable))
        {
            return;
        }

        var message = RelationshipObjects.CheckSpecified(source, type, target);
        if (message is not null)
        {
            context.Warning("relationship-types", "relationship_type", message, "5.1");
        }
    };

    /// <summary>Whether <paramref name="name"/> is present.</summary>
    internal static bool Has(StixValue value, string name) => value.TryGetProperty(name, out _);

    /// <summary>The type part of an identifier (before <c>--</c>), if it has one.</summary>
    internal static string? TypeOf(string? id)
    {
        var end = id?.IndexOf("--", StringComparison.Ordinal) ?? -1;
        return end > 0 ? id![..end] : null;
    }

    /// <summary>
    /// The type part of an identifier (before <c>--</c>), if it has one, as characters in <paramref name="buffer"/> or of
    /// the decoded string: an identifier the reader has not decoded is not decoded for it.
    /// </summary>
    private static bool TypeOf(StixValue? id, Span<char> buffer, out ReadOnlySpan<char> type)
    {
        type = default;
        if (id is null || !id.IsString)
        {
            return false;
        }

        if (!id.TryGetUtf8(out var utf8))
        {
            type = TypeOf(id.GetString());
            return !type.IsEmpty;
        }

        // A type of more than the longest that can be valid, or not ASCII, is left out as one no table knows.
        var end = utf8.IndexOf("--"u8);
        if (end <= 0 || end > buffer.Length || Ascii.ToUtf16(utf8[..end], buffer, out var written) != OperationStatus.Done)
        {
            return false;
        }

        type = buffer[..written];
        return true;
    }

    private static ObjectRule ExternalIds(string source, string prefix, Func<string, bool> isId, string format, string section) =>
        (value, context) =>
        {
            if (value["external_references"] is not { IsArray: true } references)
            {
                return;
            }

            var items = references.Items;
            for (var i = 0; i < items.Length; i++)
            {
                var name = items[i]["source_name"]?.AsString();
                var id = items[i]["external_id"]?.AsString();
                var claims = string.Equals(name, source, StringComparison.OrdinalIgnoreCase)
                    || (id is not null && id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
                if (!claims)
                {
                    continue;
                }

                var path = $"external_references[{i}]";
                if (name != source)
                {
                    context.Error(path + ".source_name", $"the source_name of a {prefix}… reference must be '{source}'", section);
                }

                if (id is null || !isId(id))
                {
                    context.Error(path + ".external_id", $"a '{source}' reference must have an external_id of the form {format}", section);
                }
            }
        };

    private static bool IsCapecId(string id) => id.Length > 6 && id.StartsWith("CAPEC-", StringComparison.Ordinal) && AllDigits(id.AsSpan(6));

    // CVE-YYYY-NNNN…: a four-digit year, then four digits or more (no leading zero beyond four).
    private static bool IsCveId(string id)
    {
        if (id.Length < 13 || !id.StartsWith("CVE-", StringComparison.Ordinal) || id[8] != '-')
        {
            return false;
        }

        var number = id.AsSpan(9);
        return AllDigits(id.AsSpan(4, 4)) && AllDigits(number) && (number.Length == 4 || number[0] != '0');
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static bool IsTerm(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static bool IsLowerHyphenated(string text) =>
        IsTerm(text) && text[0] != '-' && text[^1] != '-' && !text.Contains("--", StringComparison.Ordinal);

    /// <summary>One pass over an observable container: its values, their references, and how they connect.</summary>
    private sealed class ContainerCheck(StixValue container, ValidationContext context)
    {
        // Union-find over the container's keys: objects joined by a reference share a root.
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public void Run()
        {
            var containerPath = JsonPath.Property(context.Path, "objects");
            foreach (var (key, observable) in container.Properties)
            {
                var path = JsonPath.Property(containerPath, key);
                if (observable["type"]?.AsString() is null)
                {
                    context.Error(path, "each value of 'objects' must be a cyber-observable object with a 'type'", "2.13", absolute: true);
                }

                CheckReferences(key, observable, path);
            }

            var roots = container.Properties.ToArray().Select(p => Root(p.Name)).Distinct(StringComparer.Ordinal).Count();
            if (roots > 1)
            {
                const string Message = "objects not related to each other through their references must not share an observed-data";
                context.Error(containerPath, Message, "4.14", absolute: true);
            }
        }

        private void CheckReferences(string owner, StixValue value, string path)
        {
            foreach (var (name, item) in value.Properties)
            {
                var itemPath = JsonPath.Property(path, name);
                if (name.EndsWith("_ref", StringComparison.Ordinal) && item.AsString() is { } reference)
                {
                    Resolve(owner, reference, itemPath);
                }
                else if (name.EndsWith("_refs", StringComparison.Ordinal) && item.IsArray)
                {
                    for (var i = 0; i < item.Items.Length; i++)
                    {
                        if (item.Items[i].AsString() is { } listed)
                        {
                            Resolve(owner, listed, JsonPath.Index(itemPath, i));
                        }
                    }
                }
                else
                {
                    CheckNested(owner, item, itemPath);
                }
            }
        }

        // Embedded references may sit in extensions and in lists of structured values (e.g. MIME parts).
        private void CheckNested(string owner, StixValue value, string path)
        {
            if (value.IsObject)
            {
                CheckReferences(owner, value, path);
            }
            else if (value.IsArray)
            {
                for (var i = 0; i < value.Items.Length; i++)
                {
                    CheckNested(owner, value.Items[i], JsonPath.Index(path, i));
                }
            }
        }

        private void Resolve(string owner, string reference, string path)
        {
            if (container.TryGetProperty(reference, out _))
            {
                _parent[Root(owner)] = Root(reference);
            }
            else
            {
                context.Error(path, $"'{reference}' does not refer to an object in the same 'objects' container", "2.13", absolute: true);
            }
        }

        private string Root(string key)
        {
            while (_parent.TryGetValue(key, out var parent) && parent != key)
            {
                key = parent;
            }

            return key;
        }
    }
}
