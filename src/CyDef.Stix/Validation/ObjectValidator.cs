using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
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
    // How many messages of warnings about custom names are kept (see ExtensionUseMessage).
    private const int MaxKeptMessages = 1024;

    // §3.8: reserved for future revisions; MUST NOT appear in content conforming to 2.1.
    private static readonly string[] ReservedNames = ["severity", "username", "phone_number", "action"];

    private readonly ValidationOptions _options;
    private readonly ValidationContext _context;
    private readonly PathStack _stack = new();
    private readonly CleanValues _cleanShared = new();
    private readonly Layouts _layouts = new();
    private readonly IReadOnlyDictionary<string, string>? _typesById;

    // The messages of the warnings about custom names, by kind and name (see ExtensionUseMessage).
    private readonly Dictionary<(string What, string Name), string> _extensionUseMessages = [];

    // Facts gathered while walking the current object, so that nothing is looked up or parsed twice.
    private int _reservedFound;
    private bool _defangedFound;
    private bool _timestampParsed;
    private StixTimestamp _timestamp;
    private StixValue? _checkedId;
    private bool _checkedIdValid;
    private int _checkedIdTypeLength;

    // Strings stay UTF-8 until asked for (see StixValue); identifiers, timestamps and hashes are ASCII and are
    // checked as characters widened into this buffer instead of decoded. See Text.
    private readonly char[] _chars = new char[256];

    // The specifications of the types met last, by the type string's reference (the reader shares it): a feed
    // has few types, and this spares hashing the type of every object.
    private readonly string?[] _types = new string?[8];
    private readonly ObjectSpec?[] _typeSpecs = new ObjectSpec?[8];
    private int _nextType;

    public ObjectValidator(ValidationOptions options, List<ValidationIssue> issues, IReadOnlyDictionary<string, string>? typesById)
    {
        _options = options;
        _context = new ValidationContext(options, issues);
        _typesById = typesById;
    }

    /// <summary>Where the findings are reported.</summary>
    public ValidationContext Context => _context;

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

        _context.BeginObject(value);
        _reservedFound = 0;
        _defangedFound = false;
        if (TryGetSpec(type, out var spec) && spec.Category != StixCategory.Bundle)
        {
            ValidateDefined(value, spec, path);
        }
        else
        {
            ValidateCustomObject(value, type, path);
        }
    }

    private bool TryGetSpec(string type, [NotNullWhen(true)] out ObjectSpec? spec)
    {
        for (var i = 0; i < _types.Length; i++)
        {
            if (ReferenceEquals(_types[i], type))
            {
                spec = _typeSpecs[i];
                return spec is not null;
            }
        }

        var found = StixCatalog.TryGetObject(type, out spec);
        _types[_nextType] = type;
        _typeSpecs[_nextType] = spec;
        _nextType = (_nextType + 1) % _types.Length;
        return found;
    }

    private void ValidateDefined(StixValue value, ObjectSpec spec, string path)
    {
        var at = At.Root(_stack, path);
        CheckIdentity(value, spec.Type, path);
        CheckProperties(value, spec, at, topLevel: true);
        CheckCommonRules(value, spec.Category, path);
        RunRules(value, spec, at);
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

    private void CheckProperties(StixValue value, ObjectSpec spec, in At path, bool topLevel)
    {
        var firstIssue = _context.IssueCount;
        var required = 0;
        var layout = _layouts.For(spec);
        var index = -1;
        foreach (var (name, propertyValue) in value.Properties)
        {
            if (topLevel)
            {
                NoteCommonName(name);
            }

            var propertyPath = path.Property(name);
            if (layout.Find(++index, name, spec) is { } property)
            {
                required += property.Required ? 1 : 0;
                if (property.Deprecated)
                {
                    Warning("deprecated-properties", propertyPath, $"'{name}' is deprecated", property.Section ?? spec.Section);
                }

                _timestampParsed = false;
                if (property.Type == PropertyType.String && property.Format is StringFormat.None or StringFormat.Pattern && propertyValue.IsString)
                {
                    // Free text (a name, a description, a pattern), which CheckString would not look at.
                }
                else if (IsCheckedOnce(propertyValue, property))
                {
                    // Checked once (IsCheckedOnce): the shared value found clean at this place in the last object of
                    // this type is not looked up again.
                    if (!layout.IsClean(index, propertyValue))
                    {
                        var before = _context.IssueCount;
                        CheckValue(propertyValue, property, propertyPath, spec);
                        if (_context.IssueCount == before)
                        {
                            layout.SetClean(index, property, propertyValue);
                        }
                    }
                }
                else
                {
                    CheckValue(propertyValue, property, propertyPath, spec);
                }

                if (topLevel && _timestampParsed && property.Type == PropertyType.Timestamp)
                {
                    _context.RememberTimestamp(property.Name, _timestamp);
                }
            }
            else
            {
                CheckCustomProperty(value, name, propertyValue, propertyPath, spec, topLevel);
            }
        }

        if (required < spec.RequiredCount)
        {
            // Reported ahead of the findings about the properties that are there.
            var missing = new List<ValidationIssue>();
            foreach (var property in spec.PropertyArray)
            {
                if (property.Required && !value.TryGetProperty(property.Name, out _))
                {
                    missing.Add(_context.Issue(ValidationSeverity.Error, path.Full, $"'{property.Name}' is a required property", property.Section ?? spec.Section));
                }
            }

            _context.InsertIssues(firstIssue, missing);
        }

        if (spec.RequiresAnyProperty && value.Count == 0)
        {
            Error(path, $"'{spec.Type}' must have at least one property", spec.Section);
        }
    }

    // §3.8 and §3.2: names that CheckCommonRules questions, noted during the one walk over the properties.
    // Told apart by length and first letter before the text is compared: most names are none of these.
    private void NoteCommonName(string name)
    {
        switch (name.Length)
        {
            case 6 when name[0] == 'a' && name == ReservedNames[3]:
                _reservedFound |= 1 << 3;
                break;
            case 8 when name[0] == 's' && name == ReservedNames[0]:
                _reservedFound |= 1 << 0;
                break;
            case 8 when name[0] == 'u' && name == ReservedNames[1]:
                _reservedFound |= 1 << 1;
                break;
            case 8 when name[0] == 'd' && name == "defanged":
                _defangedFound = true;
                break;
            case 12 when name[1] == 'h' && name == ReservedNames[2]:
                _reservedFound |= 1 << 2;
                break;
        }
    }

    private void RunRules(StixValue value, ObjectSpec spec, in At path)
    {
        var rules = spec.RuleArray;
        if (rules.Length == 0)
        {
            return;
        }

        var saved = _context.Where;
        _context.Where = path;
        foreach (var rule in rules)
        {
            rule(value, _context);
        }

        _context.Where = saved;
    }

    private void CheckCommonRules(StixValue value, StixCategory category, string path)
    {
        for (var i = 0; i < ReservedNames.Length; i++)
        {
            if ((_reservedFound & (1 << i)) != 0)
            {
                Error(JsonPath.Property(path, ReservedNames[i]), $"'{ReservedNames[i]}' is a reserved property name", "3.8");
            }
        }

        if (category != StixCategory.CyberObservable && _defangedFound)
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
        var hasCreated = _context.TryGetTimestamp(value, "created", out var created);
        var hasModified = _context.TryGetTimestamp(value, "modified", out var modified);
        if (hasCreated && created.FractionDigits < 3)
        {
            Error(JsonPath.Property(path, "created"), $"'created' must be precise to the millisecond (YYYY-MM-DDTHH:mm:ss.sssZ): '{value["created"]!.GetString()}'", "3.2");
        }

        if (hasModified && modified.FractionDigits < 3)
        {
            Error(JsonPath.Property(path, "modified"), $"'modified' must be precise to the millisecond (YYYY-MM-DDTHH:mm:ss.sssZ): '{value["modified"]!.GetString()}'", "3.2");
        }

        if (hasCreated && hasModified && modified < created)
        {
            Error(JsonPath.Property(path, "modified"), $"'modified' ({value["modified"]!.GetString()}) must be later than or equal to 'created' ({value["created"]!.GetString()})", "3.2");
        }
    }

    private void CheckIdentity(StixValue value, string type, string path)
    {
        _checkedId = null;
        if (value["id"] is not { IsString: true } idValue)
        {
            return;
        }

        _checkedIdValid = IsIdentifierText(idValue, out _checkedIdTypeLength);
        _checkedId = idValue;
        if (!_checkedIdValid)
        {
            Error(JsonPath.Property(path, "id"), $"'{idValue.GetString()}' does not match the id format ([object-type]--[UUID])", "2.9");
        }
        else if (!(idValue.TryGetUtf8(out var utf8) ? Ascii.Equals(utf8[.._checkedIdTypeLength], type) : idValue.GetString().AsSpan(0, _checkedIdTypeLength).SequenceEqual(type)))
        {
            Error(JsonPath.Property(path, "id"), $"'{idValue.GetString()}' does not start with '{type}--'", "2.9");
        }
    }

    /// <summary><see cref="Formats.IsIdentifier(ReadOnlySpan{char}, out int)"/>, remembered for the object's own id, which is asked about several times.</summary>
    private bool IsIdentifier(StixValue id, out int typeLength)
    {
        if (ReferenceEquals(id, _checkedId))
        {
            typeLength = _checkedIdTypeLength;
            return _checkedIdValid;
        }

        return IsIdentifierText(id, out typeLength);
    }

    // Identifiers and timestamps are ASCII forms, checked on the UTF-8 of a string not yet decoded (see StixValue).
    private static bool IsIdentifierText(StixValue id, out int typeLength) =>
        id.TryGetUtf8(out var utf8) ? Formats.IsIdentifier(utf8, out typeLength) : Formats.IsIdentifier(id.GetString(), out typeLength);

    private static bool TryTimestamp(StixValue value, out StixTimestamp timestamp) =>
        value.TryGetUtf8(out var utf8) ? StixTimestamp.TryParse(utf8, out timestamp) : StixTimestamp.TryParse(value.GetString(), out timestamp);

    private static int UuidVersion(StixValue id) =>
        id.TryGetUtf8(out var utf8) ? (utf8.Length >= 22 ? utf8[^22] - '0' : 0) : Formats.UuidVersion(id.GetString());

    /// <summary>
    /// The text of a string value. Short ASCII text not yet decoded is widened from its UTF-8 into a buffer of
    /// this validator, valid until the next call: no string is made for it. Other text is decoded.
    /// </summary>
    private ReadOnlySpan<char> Text(StixValue value)
    {
        if (value.TryGetUtf8(out var utf8) && utf8.Length <= _chars.Length
            && Ascii.ToUtf16(utf8, _chars, out var written) == OperationStatus.Done)
        {
            return _chars.AsSpan(0, written);
        }

        return value.GetString();
    }

    private void Error(in At path, string message, string section) =>
        _context.Error(path.Full, message, section, absolute: true);

    private void Warning(string check, in At path, string message, string section)
    {
        if (_options.IsCheckEnabled(check))
        {
            _context.Warning(check, path.Full, message, section, absolute: true);
        }
    }

    private static string Describe(StixValue value) => value.Kind.ToString().ToLowerInvariant();
}
