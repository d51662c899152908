using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

internal sealed partial class ObjectValidator
{
    // §2.10: integers fit in a signed 54-bit value.
    private const double MaxInteger = 9007199254740991;

    // A value the reader shares across objects (a vocabulary term, a marking's id) is checked once per property: when
    // it passed, it passes again. References checked against a bundle are always checked.
    private bool IsCheckedOnce(StixValue value, PropertySpec property) =>
        value.IsShared && _typesById is null && property.Type != PropertyType.Timestamp;

    private void CheckValue(StixValue value, PropertySpec property, in At path, ObjectSpec owner)
    {
        if (IsCheckedOnce(value, property))
        {
            if (_cleanShared.Contains(value, property))
            {
                return;
            }

            var before = _context.IssueCount;
            CheckValueOnce(value, property, path, owner);
            if (_context.IssueCount == before)
            {
                _cleanShared.Add(value, property);
            }

            return;
        }

        CheckValueOnce(value, property, path, owner);
    }

    private void CheckValueOnce(StixValue value, PropertySpec property, in At path, ObjectSpec owner)
    {
        var section = property.Section ?? owner.Section;
        if (value.Kind == StixValueKind.Null)
        {
            Error(path, $"'{property.Name}' must not be null: leave the property out instead", "3.1");
            return;
        }

        switch (property.Type)
        {
            case PropertyType.String:
                CheckString(value, property, path, section);
                break;
            case PropertyType.Integer:
                CheckInteger(value, property, path, section);
                break;
            case PropertyType.Float:
                CheckFloat(value, property, path, section);
                break;
            case PropertyType.Boolean:
                Expect(value.IsBoolean, value, "a boolean", path, "2.2");
                break;
            case PropertyType.Timestamp:
                CheckTimestamp(value, path);
                break;
            case PropertyType.Identifier:
                CheckIdentifier(value, property, path, section);
                break;
            case PropertyType.Hex:
                if (Expect(value.IsString, value, "a string", path, "2.8") && !Formats.IsHex(value.GetString()))
                {
                    Error(path, $"'{value.GetString()}' is not an even number of lower-case hexadecimal digits", "2.8");
                }

                break;
            case PropertyType.Binary:
                if (Expect(value.IsString, value, "a string", path, "2.1") && !Formats.IsBase64(value.GetString()))
                {
                    Error(path, $"'{property.Name}' must be a base64-encoded string", "2.1");
                }

                break;
            case PropertyType.Hashes:
                CheckHashes(value, path);
                break;
            case PropertyType.Dictionary:
                CheckDictionary(value, property, path, owner);
                break;
            case PropertyType.List:
                CheckList(value, property, path, owner);
                break;
            case PropertyType.Object:
                if (Expect(value.IsObject, value, "an object", path, section))
                {
                    ValidateShape(value, property.Shape!, path);
                }

                break;
            case PropertyType.OpenVocabulary:
                CheckOpenVocabulary(value, property, path);
                break;
            case PropertyType.Enumeration:
                if (Expect(value.IsString, value, "a string", path, section) && !property.Vocabulary!.Contains(value.GetString()))
                {
                    Error(path, $"'{value.GetString()}' is not one of [{string.Join(", ", property.Vocabulary.Ordered.Select(v => $"'{v}'"))}] ({property.Vocabulary.Name})", property.Vocabulary.Section);
                }

                break;
            case PropertyType.Extensions:
                CheckExtensions(value, path, owner);
                break;
            case PropertyType.Any:
                break;
        }
    }

    /// <summary>A structured value (kill chain phase, extension, MIME part…): its properties, then its rules.</summary>
    private void ValidateShape(StixValue value, ObjectSpec shape, in At path)
    {
        CheckProperties(value, shape, path, topLevel: false);
        RunRules(value, shape, path);
        ShapeBestPractices(value, shape, path);
    }

    private bool Expect(bool condition, StixValue value, string expected, in At path, string section)
    {
        if (!condition)
        {
            Error(path, $"{value} is not {expected}", section);
        }

        return condition;
    }

    private void CheckString(StixValue value, PropertySpec property, in At path, string section)
    {
        if (!Expect(value.IsString, value, "a string", path, section))
        {
            return;
        }

        // Free text (names, descriptions, patterns) is not looked at, and so never decoded.
        if (property.Format is StringFormat.None or StringFormat.Pattern)
        {
            return;
        }

        // Most URLs are of the plainest web form, checked on their text without a string or a Uri made for them.
        if (property.Format == StringFormat.Url && Formats.IsPlainWebUrl(Text(value)))
        {
            return;
        }

        var text = value.GetString();
        var (ok, what) = property.Format switch
        {
            StringFormat.Url => (Formats.IsUrl(text), "a URL (RFC 3986)"),
            StringFormat.LanguageTag => (Formats.IsLanguageTag(text), "a valid RFC 5646 language code"),
            StringFormat.MediaType => (Formats.IsMediaType(text) || !_options.IsCheckEnabled("mime-type"), "an IANA registered media type (type/subtype)"),
            StringFormat.CharacterSet => (Formats.IsCharacterSet(text), "an IANA registered character set"),
            StringFormat.Cpe => (Formats.IsCpe23(text), "a CPE 2.3 formatted string"),
            _ => (true, ""),
        };
        if (!ok)
        {
            Error(path, $"'{text}' is not {what}", section);
        }
    }

    private void CheckInteger(StixValue value, PropertySpec property, in At path, string section)
    {
        if (!Expect(value.IsIntegerNumber, value, "an integer", path, "2.10"))
        {
            return;
        }

        var number = SmallInteger(value.RawText!) is { } small ? small : Double(value);
        if (Math.Abs(number) > MaxInteger)
        {
            Error(path, $"{value} does not fit in a signed 54-bit integer", "2.10");
        }

        CheckRange(number, value, property, path, section);
    }

    // Up to 15 digits, an integer is exact as a double; most are that short, and need no floating-point parse.
    private static double? SmallInteger(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        if (digits.Length is 0 or > 15)
        {
            return null;
        }

        long result = 0;
        foreach (var c in digits)
        {
            result = (result * 10) + (c - '0');
        }

        return text[0] == '-' ? -result : result;
    }

    private static double Double(StixValue value)
    {
        value.TryGetDouble(out var number);
        return number;
    }

    private void CheckFloat(StixValue value, PropertySpec property, in At path, string section)
    {
        if (Expect(value.IsNumber, value, "a number", path, "2.6") && value.TryGetDouble(out var number))
        {
            CheckRange(number, value, property, path, section);
        }
    }

    private void CheckRange(double number, StixValue value, PropertySpec property, in At path, string section)
    {
        if (number < property.Minimum)
        {
            Error(path, $"{value} is less than the minimum of {property.Minimum}", section);
        }
        else if (number > property.Maximum)
        {
            Error(path, $"{value} is greater than the maximum of {property.Maximum}", section);
        }
    }

    private void CheckTimestamp(StixValue value, in At path)
    {
        if (!Expect(value.IsString, value, "a string", path, "2.16"))
        {
            return;
        }

        _timestampParsed = TryTimestamp(value, out _timestamp);
        if (!_timestampParsed)
        {
            Error(path, $"'{value.GetString()}' is not a valid timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z, UTC, a real date)", "2.16");
        }
    }

    private void CheckIdentifier(StixValue value, PropertySpec property, in At path, string section)
    {
        if (!Expect(value.IsString, value, "a string", path, "2.9"))
        {
            return;
        }

        if (property.Name == "id" && ReferenceEquals(value, _checkedId))
        {
            // The object's own id: CheckIdentity has checked it, and reported what is wrong with it.
            return;
        }

        if (!IsIdentifierText(value, out var typeLength))
        {
            Error(path, $"'{value.GetString()}' does not match the id format ([object-type]--[UUID])", "2.9");
            return;
        }

        if (property.ReferenceTypes is { } allowed && property.Name != "id" && !ReferenceAllowed(Text(value)[..typeLength], allowed))
        {
            Error(path, $"'{property.Name}' must refer to one of {string.Join(", ", allowed)}, not to a '{value.GetString()[..typeLength]}'", section);
        }

        if (_typesById is not null && property.Name != "id" && !_typesById.ContainsKey(value.GetString()))
        {
            Error(path, $"'{value.GetString()}' does not refer to an object in this bundle", "3.3");
        }
    }

    internal static bool ReferenceAllowed(ReadOnlySpan<char> type, IReadOnlyList<string> allowed)
    {
        var category = StixCatalog.CategoryOf(type);
        foreach (var entry in allowed)
        {
            var ok = entry switch
            {
                // A custom type's category cannot be told from its name: it may stand for either.
                "<sdo>" => category is StixCategory.DomainObject or null,
                "<sco>" => category is StixCategory.CyberObservable or null,
                "<sro>" => category is StixCategory.RelationshipObject,
                "<custom>" => category is null,
                _ => type.SequenceEqual(entry),
            };
            if (ok)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckHashes(StixValue value, in At path)
    {
        if (!Expect(value.IsObject, value, "a dictionary of hashes", path, "2.7") || !NotEmpty(value, path, "2.7"))
        {
            return;
        }

        foreach (var (algorithm, hash) in value.Properties)
        {
            var hashPath = path.Property(algorithm);
            if (algorithm.Length is < 3 or > 250 || !Formats.IsDictionaryKey(algorithm))
            {
                Error(hashPath, $"hash algorithm name '{algorithm}' must be 3 to 250 ASCII letters, digits, '-' or '_'", "2.7");
            }

            if (!Expect(hash.IsString, hash, "a string", hashPath, "2.7"))
            {
                continue;
            }

            HashFormats.Check(algorithm, Text(hash), hashPath, _context);
        }
    }

    private void CheckDictionary(StixValue value, PropertySpec property, in At path, ObjectSpec owner)
    {
        if (!Expect(value.IsObject, value, "a dictionary", path, "2.3") || !NotEmpty(value, path, "2.3"))
        {
            return;
        }

        foreach (var (key, entry) in value.Properties)
        {
            var entryPath = path.Property(key);
            if (!Formats.IsDictionaryKey(key))
            {
                Error(entryPath, $"dictionary key '{key}' must be 1 to 250 ASCII letters, digits, '-' or '_'", "2.3");
            }


            if (entry.Kind == StixValueKind.Null)
            {
                Error(entryPath, "dictionary values must not be null", "2.3");
            }
            else if (property.Shape is { } shape)
            {
                if (Expect(entry.IsObject, entry, "an object", entryPath, shape.Section))
                {
                    ValidateShape(entry, shape, entryPath);
                }
            }
        }
    }

    private void CheckList(StixValue value, PropertySpec property, in At path, ObjectSpec owner)
    {
        if (!Expect(value.IsArray, value, "a list", path, "2.12") || !NotEmpty(value, path, "2.12"))
        {
            return;
        }

        var items = value.Items;
        for (var i = 0; i < items.Length; i++)
        {
            CheckValue(items[i], property.Items!, path.Index(i), owner);
        }
    }

    private bool NotEmpty(StixValue value, in At path, string section)
    {
        if (value.Count == 0)
        {
            Error(path, value.IsArray ? "empty lists are not allowed" : "empty dictionaries are not allowed", section);
            return false;
        }

        return true;
    }

    private void CheckOpenVocabulary(StixValue value, PropertySpec property, in At path)
    {
        if (!Expect(value.IsString, value, "a string", path, "2.14"))
        {
            return;
        }

        var vocabulary = property.Vocabulary!;
        var term = value.GetString();
        if (!vocabulary.Contains(term))
        {
            Warning(VocabularyChecks.CheckName(vocabulary), path, $"'{term}' is not a value of {vocabulary.Name}", vocabulary.Section);
            if (!Formats.IsOpenVocabularyTerm(term))
            {
                Warning("open-vocab-format", path, $"'{term}' should be all lowercase, with hyphens between words", "2.14");
            }
        }
    }
}
