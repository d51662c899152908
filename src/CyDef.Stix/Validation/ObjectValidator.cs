using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

/// <summary>
/// Checks STIX objects against the catalogue: the common rules of §3, each type's properties and rules,
/// custom content (§11), extensions (§7.3). One instance per validation run; not thread-safe.
/// </summary>
internal sealed partial class ObjectValidator
{
    // §3.8: reserved for future revisions; MUST NOT appear in content conforming to 2.1.
    private static readonly string[] ReservedNames = ["severity", "username", "phone_number", "action"];

    private readonly ValidationOptions _options;
    private readonly ValidationContext _context;
    private readonly IReadOnlyDictionary<string, string>? _typesById;

    public ObjectValidator(ValidationOptions options, List<ValidationIssue> issues, IReadOnlyDictionary<string, string>? typesById)
    {
        _options = options;
        _context = new ValidationContext(options, issues);
        _typesById = typesById;
    }

    public void ValidateObject(StixValue value, string path)
    {
        if (!value.IsObject)
        {
            Error(path, $"a STIX object must be a JSON object, not a JSON {Describe(value)}", "3.1");
            return;
        }

        if (value["type"] is not { } typeValue)
        {
            Error(path, "'type' is a required property", "3.2");
            return;
        }

        if (typeValue.AsString() is not { } type)
        {
            Error(JsonPath.Property(path, "type"), $"'type' must be a string, not a JSON {Describe(typeValue)}", "3.2");
            return;
        }

        if (StixCatalog.TryGetObject(type, out var spec) && spec.Category != StixCategory.Bundle)
        {
            ValidateDefined(value, spec, path);
        }
        else
        {
            ValidateCustomObject(value, type, path);
        }
    }

    private void ValidateDefined(StixValue value, ObjectSpec spec, string path)
    {
        CheckIdentity(value, spec.Type, path);
        CheckProperties(value, spec, path, topLevel: true);
        CheckCommonRules(value, spec.Category, path);
        RunRules(value, spec, path);
        BestPractices(value, spec, path);
        CheckPattern(value, spec, path);
        CheckInterop(value, spec, path);
    }

    // §4.7: an indicator's pattern MUST be valid in the language that pattern_type names.
    private void CheckPattern(StixValue value, ObjectSpec spec, string path)
    {
        if (_options.PatternValidator is { } validate && spec.TryGetProperty("pattern", out var property) && property.Format == StringFormat.Pattern
            && value["pattern"]?.AsString() is { } pattern && value["pattern_type"]?.AsString() == "stix"
            && validate(pattern) is { } problem)
        {
            Error(JsonPath.Property(path, "pattern"), $"the pattern is not valid STIX patterning: {problem}", "9");
        }
    }

    private void CheckProperties(StixValue value, ObjectSpec spec, string path, bool topLevel)
    {
        foreach (var property in spec.Properties)
        {
            if (property.Required && !value.TryGetProperty(property.Name, out _))
            {
                Error(path, $"'{property.Name}' is a required property", property.Section ?? spec.Section);
            }
        }

        foreach (var (name, propertyValue) in value.Properties)
        {
            var propertyPath = new At(path, name);
            if (spec.TryGetProperty(name, out var property))
            {
                if (property.Deprecated)
                {
                    Warning("deprecated-properties", propertyPath, $"'{name}' is deprecated", property.Section ?? spec.Section);
                }

                CheckValue(propertyValue, property, propertyPath, spec);
            }
            else
            {
                CheckCustomProperty(value, name, propertyValue, propertyPath, spec, topLevel);
            }
        }

        if (spec.RequiresAnyProperty && value.Count == 0)
        {
            Error(path, $"'{spec.Type}' must have at least one property", spec.Section);
        }
    }

    private void RunRules(StixValue value, ObjectSpec spec, string path)
    {
        if (spec.Rules.Count == 0)
        {
            return;
        }

        var saved = _context.Path;
        _context.Path = path;
        foreach (var rule in spec.Rules)
        {
            rule(value, _context);
        }

        _context.Path = saved;
    }

    private void CheckCommonRules(StixValue value, StixCategory category, string path)
    {
        foreach (var reserved in ReservedNames)
        {
            if (value.TryGetProperty(reserved, out _))
            {
                Error(JsonPath.Property(path, reserved), $"'{reserved}' is a reserved property name", "3.8");
            }
        }

        if (category != StixCategory.CyberObservable && value.TryGetProperty("defanged", out _))
        {
            Error(JsonPath.Property(path, "defanged"), "'defanged' must not be used on objects other than SCOs", "3.2");
        }

        if (value["spec_version"]?.AsString() is { } version && version != "2.1")
        {
            Error(JsonPath.Property(path, "spec_version"), $"'spec_version' must be '2.1', not '{version}'", "3.2");
        }

        CheckVersionTimestamps(value, path);
    }

    // §3.2: created and modified are precise to the millisecond at least; modified is not before created.
    private void CheckVersionTimestamps(StixValue value, string path)
    {
        foreach (var name in (ReadOnlySpan<string>)["created", "modified"])
        {
            if (value[name]?.AsString() is { } text && StixTimestamp.TryParse(text, out var timestamp) && timestamp.FractionDigits < 3)
            {
                Error(JsonPath.Property(path, name), $"'{name}' must be precise to the millisecond (YYYY-MM-DDTHH:mm:ss.sssZ): '{text}'", "3.2");
            }
        }

        if (CommonRules.TryTimestamp(value, "created", out var created) && CommonRules.TryTimestamp(value, "modified", out var modified) && modified < created)
        {
            Error(JsonPath.Property(path, "modified"), $"'modified' ({value["modified"]!.GetString()}) must be later than or equal to 'created' ({value["created"]!.GetString()})", "3.2");
        }
    }

    private void CheckIdentity(StixValue value, string type, string path)
    {
        if (value["id"]?.AsString() is not { } id)
        {
            return;
        }

        if (!Formats.IsIdentifier(id, out var typeLength))
        {
            Error(JsonPath.Property(path, "id"), $"'{id}' does not match the id format ([object-type]--[UUID])", "2.9");
        }
        else if (!id.AsSpan(0, typeLength).SequenceEqual(type))
        {
            Error(JsonPath.Property(path, "id"), $"'{id}' does not start with '{type}--'", "2.9");
        }
    }

    private void Error(At path, string message, string section) =>
        _context.Error(path.Full, message, section, absolute: true);

    private void Warning(string check, At path, string message, string section)
    {
        if (_options.IsCheckEnabled(check))
        {
            _context.Warning(check, path.Full, message, section, absolute: true);
        }
    }

    private static string Describe(StixValue value) => value.Kind.ToString().ToLowerInvariant();
}
