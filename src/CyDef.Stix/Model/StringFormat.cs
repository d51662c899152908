namespace CyDef.Stix.Model;

/// <summary>Formats that some string properties must or should have.</summary>
public enum StringFormat : byte
{
    /// <summary>No format beyond being a string.</summary>
    None,
    /// <summary>An RFC 3986 URL.</summary>
    Url,
    /// <summary>An RFC 5646 language tag.</summary>
    LanguageTag,
    /// <summary>An IANA media type, <c>type/subtype</c>.</summary>
    MediaType,
    /// <summary>An IANA character set name.</summary>
    CharacterSet,
    /// <summary>A CPE 2.3 formatted string.</summary>
    Cpe,
    /// <summary>A STIX pattern (§9) or another language named by <c>pattern_type</c>.</summary>
    Pattern,
}
