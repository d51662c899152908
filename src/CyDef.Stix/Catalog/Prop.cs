using CyDef.Stix.Model;

namespace CyDef.Stix.Catalog;

/// <summary>Short factories for the property tables of the catalogue.</summary>
internal static class Prop
{
    public static PropertySpec Str(string name, StringFormat format = StringFormat.None) =>
        new(name, PropertyType.String) { Format = format };

    public static PropertySpec Int(string name, double? minimum = null, double? maximum = null) =>
        new(name, PropertyType.Integer) { Minimum = minimum, Maximum = maximum };

    public static PropertySpec Float(string name, double? minimum = null, double? maximum = null) =>
        new(name, PropertyType.Float) { Minimum = minimum, Maximum = maximum };

    public static PropertySpec Bool(string name) => new(name, PropertyType.Boolean);

    public static PropertySpec Time(string name) => new(name, PropertyType.Timestamp);

    public static PropertySpec Hex(string name) => new(name, PropertyType.Hex);

    public static PropertySpec Binary(string name) => new(name, PropertyType.Binary);

    public static PropertySpec Hashes(string name) => new(name, PropertyType.Hashes);

    public static PropertySpec Dict(string name, ObjectSpec? valueShape = null) =>
        new(name, PropertyType.Dictionary) { Shape = valueShape };

    public static PropertySpec Any(string name) => new(name, PropertyType.Any);

    /// <summary>An identifier that may refer to <paramref name="types"/> (none given: any type).</summary>
    public static PropertySpec Ref(string name, params string[] types) =>
        new(name, PropertyType.Identifier) { ReferenceTypes = types.Length == 0 ? null : types };

    /// <summary>A list of identifiers that may refer to <paramref name="types"/> (none given: any type).</summary>
    public static PropertySpec Refs(string name, params string[] types) => List(name, Ref(name, types));

    public static PropertySpec Vocab(string name, Vocabulary vocabulary) =>
        new(name, PropertyType.OpenVocabulary) { Vocabulary = vocabulary };

    public static PropertySpec Enum(string name, Vocabulary vocabulary) =>
        new(name, PropertyType.Enumeration) { Vocabulary = vocabulary };

    public static PropertySpec Obj(string name, ObjectSpec shape) => new(name, PropertyType.Object) { Shape = shape };

    public static PropertySpec List(string name, PropertySpec items) => new(name, PropertyType.List) { Items = items };

    public static PropertySpec StrList(string name, StringFormat format = StringFormat.None) => List(name, Str(name, format));

    public static PropertySpec VocabList(string name, Vocabulary vocabulary) => List(name, Vocab(name, vocabulary));

    public static PropertySpec EnumList(string name, Vocabulary vocabulary) => List(name, Enum(name, vocabulary));

    public static PropertySpec ObjList(string name, ObjectSpec shape) => List(name, Obj(name, shape));

    public static PropertySpec Extensions() => new("extensions", PropertyType.Extensions);
}
