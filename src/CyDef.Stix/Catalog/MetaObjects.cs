using CyDef.Stix.Json;
using CyDef.Stix.Model;
using CyDef.Stix.Validation;
using static CyDef.Stix.Catalog.DomainRules;
using static CyDef.Stix.Catalog.Prop;

namespace CyDef.Stix.Catalog;

/// <summary>
/// The STIX Meta Objects of §7 (language content, marking definition, extension definition) and the bundle
/// of §8, with the rules of §7 across their properties. Meta objects use a subset of the common properties,
/// which differs per type (the tables of §7.1.1, §7.2.1 and §7.3.1); the bundle uses only type and id.
/// </summary>
internal static class MetaObjects
{
    // §7.2.1.4: the only TLP marking definitions there may be.
    private static readonly StixValue[] TlpMarkings =
    [
        Tlp("white", "613f2e26-407d-48c7-9eca-b8e91df99dc9"),
        Tlp("green", "34098fce-860f-48ae-8e50-ebd3cc5e41da"),
        Tlp("amber", "f88d31f6-486f-44da-b317-01333bde0b82"),
        Tlp("red", "5e57c739-391a-4eb3-b6be-7d15ca92d5ed"),
    ];

    public static readonly ObjectSpec[] All = [LanguageContent(), MarkingDefinition(), ExtensionDefinition(), Bundle()];

    // §7.1.1
    private static ObjectSpec LanguageContent() => new("language-content", StixCategory.MetaObject, "7.1",
    [
        .. Common("language-content",
            required: ["type", "spec_version", "id", "created", "modified"],
            optional:
            [
                "created_by_ref", "revoked", "labels", "confidence", "external_references", "object_marking_refs",
                "granular_markings", "extensions",
            ]),
        Ref("object_ref", DomainObjects.AnyStixObject).AsRequired(),
        Time("object_modified"),
        Dict("contents").AsRequired(),
    ])
    {
        Rules = [LanguageContents],
    };

    // §7.2.1. definition_type and definition are marked deprecated in favour of extensions, but the four TLP
    // markings that MUST be used (§7.2.1.4) carry them, and so do statement markings; they are not flagged.
    // definition_type is an open vocabulary (statement, tlp) that §10 does not name: a rule checks it.
    private static ObjectSpec MarkingDefinition() => new("marking-definition", StixCategory.MetaObject, "7.2.1",
    [
        .. Common("marking-definition",
            required: ["type", "spec_version", "id", "created"],
            optional: ["created_by_ref", "external_references", "object_marking_refs", "granular_markings", "extensions"]),
        Str("name"),
        Str("definition_type"),
        Any("definition"),
    ])
    {
        Rules =
        [
            RequiredWithoutExtensions("definition_type"), RequiredWithoutExtensions("definition"), MarkingDefinitionShape, NotMarkingItself,
            MarkingDefinitionBestPractices,
        ],
    };

    // §7.3.1
    private static ObjectSpec ExtensionDefinition() => new("extension-definition", StixCategory.MetaObject, "7.3",
    [
        .. Common("extension-definition",
            required: ["type", "spec_version", "id", "created", "modified", "created_by_ref"],
            optional: ["revoked", "labels", "external_references", "object_marking_refs", "granular_markings"]),
        Str("name").AsRequired(),
        Str("description"),
        Str("schema").AsRequired(),
        Str("version").AsRequired(),
        EnumList("extension_types", Vocabularies.ExtensionType).AsRequired(),
        StrList("extension_properties"),
    ])
    {
        Rules =
        [
            CommonRules.ForbiddenWhen("extension_properties", v => !DefinesTopLevelProperties(v),
                "unless 'extension_types' includes 'toplevel-property-extension'", "7.3.1"),
            ExtensionDefinitionBestPractices,
        ],
    };

    // §8.1. A bundle has no spec_version in 2.1; its objects are validated one by one, each as what it is.
    private static ObjectSpec Bundle() => new("bundle", StixCategory.Bundle, "8",
    [
        Str("type").AsRequired(),
        Ref("id", "bundle").AsRequired(),
        List("objects", Any("objects")),
    ]);

    /// <summary>Common properties by name, with the required flags of the type's own table.</summary>
    private static IEnumerable<PropertySpec> Common(string type, string[] required, string[] optional)
    {
        var all = CommonProperties.DomainAndRelationship(type).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return required.Select(n => all[n].AsRequired()).Concat(optional.Select(n => all[n] with { Required = false }));
    }

    // §7.2.1: without extensions, definition_type and definition MUST be present.
    private static ObjectRule RequiredWithoutExtensions(string name) =>
        CommonRules.RequiredWhen(name, v => !Has(v, "extensions"), "when 'extensions' is absent", "7.2.1");

    // §7.1.1: contents maps RFC 5646 language codes to dictionaries that mirror the target's properties.
    private static void LanguageContents(StixValue value, ValidationContext context)
    {
        if (value["contents"] is not { IsObject: true } contents)
        {
            return;
        }

        var path = JsonPath.Property(context.Path, "contents");
        foreach (var (language, translation) in contents.Properties)
        {
            var entryPath = JsonPath.Property(path, language);
            if (!Formats.IsLanguageTag(language))
            {
                context.Error(entryPath, $"'{language}' is not an RFC 5646 language code", "7.1.1", absolute: true);
            }

            if (!translation.IsObject)
            {
                context.Error(entryPath, "each value of 'contents' must be a dictionary of translated properties", "7.1.1", absolute: true);
            }
            else if (translation.Count == 0)
            {
                context.Error(entryPath, "empty dictionaries are not allowed", "2.3", absolute: true);
            }
            else
            {
                CheckTranslatedNames(translation, entryPath, context);
            }
        }
    }

    // §7.1.1, §3.1: the keys of a translation mirror the target's properties, so they are property names.
    private static void CheckTranslatedNames(StixValue translation, string path, ValidationContext context)
    {
        foreach (var (name, _) in translation.Properties)
        {
            if (!Formats.IsPropertyName(name))
            {
                var message = $"'{name}' is not a property name (3 to 250 characters of a-z, 0-9 and '_', starting with a letter)";
                context.Error(JsonPath.Property(path, name), message, "7.1.1", absolute: true);
            }
        }
    }

    // §7.2.1.3, §7.2.1.4: a statement marking holds a statement; a TLP marking is one of the four defined.
    private static void MarkingDefinitionShape(StixValue value, ValidationContext context)
    {
        switch (value["definition_type"]?.AsString())
        {
            case "statement" when value["definition"] is not { } definition || definition["statement"]?.AsString() is null:
                context.Error("definition", "a 'statement' marking's definition must be an object with a 'statement' string", "7.2.1.3");
                break;
            case "tlp" when !Array.Exists(TlpMarkings, value.DeepEquals):
                const string Message = "a TLP marking definition must be, unchanged, one of the four the specification defines "
                    + "(TLP:WHITE, TLP:GREEN, TLP:AMBER, TLP:RED)";
                context.Error("", Message, "7.2.1.4");
                break;
        }
    }

    // §3.2: a marking definition's object_marking_refs and granular_markings MUST NOT refer to itself.
    private static void NotMarkingItself(StixValue value, ValidationContext context)
    {
        if (value["id"]?.AsString() is not { } id)
        {
            return;
        }

        var refs = ItemsOf(value, "object_marking_refs");
        for (var i = 0; i < refs.Length; i++)
        {
            if (refs[i].AsString() == id)
            {
                context.Error($"object_marking_refs[{i}]", "a marking definition must not mark itself (no circular references)", "3.2");
            }
        }

        var granular = ItemsOf(value, "granular_markings");
        for (var i = 0; i < granular.Length; i++)
        {
            if (granular[i]["marking_ref"]?.AsString() == id)
            {
                context.Error($"granular_markings[{i}].marking_ref", "a marking definition must not mark itself (no circular references)", "3.2");
            }
        }
    }

    // §7.2.1 (SHOULD): definition_type is statement or tlp; new kinds of marking use extensions (§7.3).
    private static void MarkingDefinitionBestPractices(StixValue value, ValidationContext context)
    {
        var type = value["definition_type"]?.AsString();
        if (type is "statement" or "tlp")
        {
            return;
        }

        if (type is not null)
        {
            context.Warning("marking-definition-type", "definition_type", $"'{type}' should be one of 'statement', 'tlp'", "7.2.1");
        }

        if (!Has(value, "extensions"))
        {
            const string Message = "new kinds of marking definition should be specified with an extension definition (§7.3)";
            context.Warning("extensions-use", "", Message, "7.2.1");
        }
    }

    // §7.3.1 (SHOULD): a description is given; a top-level property extension lists its properties.
    private static void ExtensionDefinitionBestPractices(StixValue value, ValidationContext context)
    {
        if (!Has(value, "description"))
        {
            context.Warning("extension-description", "", "'description' should be populated", "7.3.1");
        }

        if (DefinesTopLevelProperties(value) && !Has(value, "extension_properties"))
        {
            const string Message = "a 'toplevel-property-extension' should list its property names in 'extension_properties'";
            context.Warning("extension-properties", "", Message, "7.3.1");
        }
    }

    private static bool DefinesTopLevelProperties(StixValue value)
    {
        foreach (var type in ItemsOf(value, "extension_types"))
        {
            if (type.AsString() == "toplevel-property-extension")
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<StixValue> ItemsOf(StixValue value, string name) =>
        value[name] is { IsArray: true } list ? list.Items : [];

    private static StixValue Tlp(string level, string uuid) => StixValue.Object(
    [
        new("type", StixValue.String("marking-definition")),
        new("spec_version", StixValue.String("2.1")),
        new("id", StixValue.String("marking-definition--" + uuid)),
        new("created", StixValue.String("2017-01-20T00:00:00.000Z")),
        new("definition_type", StixValue.String("tlp")),
        new("name", StixValue.String("TLP:" + level.ToUpperInvariant())),
        new("definition", StixValue.Object([new("tlp", StixValue.String(level))])),
    ]);
}
