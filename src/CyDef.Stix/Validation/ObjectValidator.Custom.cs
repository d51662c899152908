using System.Runtime.InteropServices;
using CyDef.Stix.Catalog;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

internal sealed partial class ObjectValidator
{
    private const string ExtensionDefinitionPrefix = "extension-definition--";

    private static readonly ObjectSpec CustomDomainCommon =
        new("custom-object", StixCategory.DomainObject, "11.2", CommonProperties.DomainAndRelationship("custom"));

    private static readonly ObjectSpec CustomObservableCommon =
        new("custom-observable", StixCategory.CyberObservable, "11.2", CommonProperties.CyberObservable("custom"));

    /// <summary>§11.2: a custom object (or an object of a type defined by an extension definition, §7.3).</summary>
    private void ValidateCustomObject(StixValue value, string type, string path)
    {
        var typePath = JsonPath.Property(path, "type");
        if (!Formats.IsTypeName(type))
        {
            Error(typePath, $"'{type}' does not match the type name format (3 to 250 characters of a-z, 0-9 and single hyphens)", "3.1");
        }

        if (_options.StrictTypes)
        {
            Error(typePath, $"object type '{type}' is not one of those defined in the specification", "3.2");
        }

        CustomName(typePath, type, "custom object type", CustomNaming.TypeName, "11.2.1", extensionAllowed: !DefinedByExtension(value, "new-"));

        // A custom object carries the common properties of its kind (§11.2.1); an SCO has no created.
        var common = value.TryGetProperty("created", out _) || value.TryGetProperty("modified", out _) ? CustomDomainCommon : CustomObservableCommon;
        CheckIdentity(value, type, path);
        CheckProperties(value, common, At.Root(_stack, path), topLevel: true);
        CheckCommonRules(value, common.Category, path);
    }

    private void CheckCustomProperty(StixValue owner, string name, StixValue value, in At path, ObjectSpec spec, bool topLevel)
    {
        var customObject = spec == CustomDomainCommon || spec == CustomObservableCommon;
        if (_options.StrictProperties && !customObject)
        {
            Error(path, $"property '{name}' is not one of those defined in the specification for {spec.Type}", spec.Section);
            return;
        }

        if (value.Kind == StixValueKind.Null)
        {
            Error(path, $"'{name}' must not be null: leave the property out instead", "3.1");
        }
        else if (value.IsArray && value.Count == 0)
        {
            Error(path, $"'{name}': empty lists are not allowed", "2.12");
        }

        if (spec.Category == StixCategory.CyberObservable)
        {
            CheckObservableDictionaryKeys(value, path);
        }

        if (!Formats.IsPropertyName(name))
        {
            Error(path, $"custom property name '{name}' must be 3 to 250 characters of a-z, 0-9 and underscore, starting with a letter", "11.1.1");
        }
        else if (!customObject)
        {
            // §11.2.1: a custom object's own properties need no prefix.
            var extended = topLevel && DefinedByExtension(owner, "toplevel-property-extension");
            CustomName(path, name, "custom property", CustomNaming.PropertyName, "11.1.1", extensionAllowed: !extended);
        }
    }

    /// <summary>
    /// §11: custom content SHOULD be defined through extensions (check extensions-use); where that check is
    /// off, its name SHOULD carry the 'x' prefix and a source (custom-prefix) or at least the prefix
    /// (custom-prefix-lax). The OASIS validator reports only the first of these that is switched on.
    /// </summary>
    // A feed repeats its custom properties on every object, and the warning about each: its message is made once.
    private string ExtensionUseMessage(string what, string name)
    {
        if (_extensionUseMessages.Count >= MaxKeptMessages)
        {
            _extensionUseMessages.Clear();
        }

        ref var message = ref CollectionsMarshal.GetValueRefOrAddDefault(_extensionUseMessages, (what, name), out _);
        return message ??= $"{what} '{name}' should be defined by an extension definition (§7.3)";
    }

    private void CustomName(in At path, string name, string what, CustomNaming naming, string section, bool extensionAllowed = true)
    {
        if (_options.IsCheckEnabled("extensions-use"))
        {
            if (extensionAllowed)
            {
                Warning("extensions-use", path, ExtensionUseMessage(what, name), section);
            }
        }
        else if (_options.IsCheckEnabled("custom-prefix"))
        {
            if (!naming.HasSourcePrefix(name))
            {
                Warning("custom-prefix", path, $"{what} '{name}' should start with '{naming.Prefix}' followed by a source unique identifier and a separator", section);
            }
        }
        else if (!name.StartsWith(naming.Prefix, StringComparison.Ordinal))
        {
            Warning("custom-prefix-lax", path, $"{what} '{name}' should start with '{naming.Prefix}'", section);
        }
    }

    /// <summary>§7.3, §3.10, §11.3: the extensions dictionary.</summary>
    private void CheckExtensions(StixValue value, in At path, ObjectSpec owner)
    {
        if (!Expect(value.IsObject, value, "a dictionary of extensions", path, "3.2") || !NotEmpty(value, path, "3.2"))
        {
            return;
        }

        foreach (var (key, extension) in value.Properties)
        {
            var extensionPath = path.Property(key);
            if (!Expect(extension.IsObject, extension, "an object", extensionPath, "3.2"))
            {
                continue;
            }

            if (key.StartsWith(ExtensionDefinitionPrefix, StringComparison.Ordinal))
            {
                CheckDefinedExtension(key, extension, extensionPath);
                if (owner.Category == StixCategory.CyberObservable && extension["extension_type"]?.AsString() is { } type && type != "property-extension")
                {
                    // The OASIS validator asks SCO extensions for 'property-extension' and, with that check off, names them as custom extensions.
                    CustomName(extensionPath, key, "extension of a cyber-observable", CustomNaming.ExtensionName, "7.3");
                }
            }
            else if (StixCatalog.TryGetExtension(key, out var spec))
            {
                ValidateShape(extension, spec, extensionPath);
            }
            else
            {
                CheckCustomExtension(key, extension, extensionPath, owner);
            }
        }
    }

    private void CheckDefinedExtension(string key, StixValue extension, in At path)
    {
        if (!Formats.IsIdentifier(key, out _))
        {
            Error(path, $"'{key}' does not match the id format ([object-type]--[UUID])", "2.9");
        }

        if (extension.TryGetProperty("extension_type", out var type))
        {
            var typePath = path.Property("extension_type");
            if (Expect(type.IsString, type, "a string", typePath, "7.3.1") && !Vocabularies.ExtensionType.Contains(type.GetString()))
            {
                Error(typePath, $"'{type.GetString()}' is not one of [{string.Join(", ", Vocabularies.ExtensionType.Ordered.Select(v => $"'{v}'"))}]", "7.3.1");
            }
        }
    }

    private void CheckCustomExtension(string key, StixValue extension, in At path, ObjectSpec owner)
    {
        // §11.3.1: custom extension names are a-z, 0-9 and hyphen, 3 to 250 long, ending in -ext.
        if (key.Length is < 3 or > 250 || !Formats.IsOpenVocabularyTerm(key) || !key.EndsWith("-ext", StringComparison.Ordinal))
        {
            Error(path, $"custom extension name '{key}' must be 3 to 250 characters of a-z, 0-9 and hyphen, ending in '-ext' (or the id of an extension definition)", "11.3.1");
        }
        else
        {
            CustomName(path, key, "custom extension", CustomNaming.ExtensionName, "11.3.1");
        }

        if (extension.Count == 0)
        {
            Error(path, $"custom extension '{key}' must have one or more properties", "11.3.1");
        }
    }

    private static bool DefinedByExtension(StixValue value, string extensionTypePrefix)
    {
        if (value["extensions"] is not { IsObject: true } extensions)
        {
            return false;
        }

        foreach (var (key, extension) in extensions.Properties)
        {
            if (key.StartsWith(ExtensionDefinitionPrefix, StringComparison.Ordinal)
                && extension["extension_type"]?.AsString() is { } type && type.StartsWith(extensionTypePrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>§8: a bundle has type, id and objects; anything else is custom content.</summary>
    internal void CheckBundleProperties(StixValue bundle)
    {
        foreach (var (name, _) in bundle.Properties)
        {
            if (name is not ("type" or "id" or "objects"))
            {
                CustomName(JsonPath.Property("$", name), name, "custom property", CustomNaming.PropertyName, "8.1");
            }
        }
    }

    /// <summary>§2.3: dictionary keys SHOULD be lowercase; checked in the free-form content of custom SCO properties.</summary>
    private void CheckObservableDictionaryKeys(StixValue value, in At path)
    {
        if (value.IsArray)
        {
            for (var i = 0; i < value.Count; i++)
            {
                CheckObservableDictionaryKeys(value.Items[i], path.Index(i));
            }
        }
        else if (value.IsObject)
        {
            foreach (var (key, entry) in value.Properties)
            {
                var entryPath = JsonPath.Property(path.Full, key);
                if (key.Any(char.IsAsciiLetterUpper))
                {
                    Warning("observable-dictionary-keys", entryPath, $"dictionary key '{key}' should be lowercase", "2.3");
                }

                CheckObservableDictionaryKeys(entry, entryPath);
            }
        }
    }
}
