namespace CyDef.Stix.Model;

/// <summary>The data types of STIX properties (STIX 2.1 §2).</summary>
public enum PropertyType : byte
{
    /// <summary>A string (§2.1 string).</summary>
    String,
    /// <summary>A signed 64-bit integer written without fraction or exponent (§2.6).</summary>
    Integer,
    /// <summary>A floating-point number (§2.5).</summary>
    Float,
    /// <summary><c>true</c> or <c>false</c> (§2.2).</summary>
    Boolean,
    /// <summary>A UTC timestamp in RFC 3339 form with a Z suffix (§3.2).</summary>
    Timestamp,
    /// <summary>An identifier <c>type--UUID</c> (§2.9), possibly restricted to some object types.</summary>
    Identifier,
    /// <summary>An even-length hexadecimal string (§2.8).</summary>
    Hex,
    /// <summary>A base64-encoded binary value (§2.3).</summary>
    Binary,
    /// <summary>A dictionary of hash algorithm names to hash values (§2.7).</summary>
    Hashes,
    /// <summary>A dictionary with free keys (§2.4).</summary>
    Dictionary,
    /// <summary>A list of values of <see cref="PropertySpec.Items"/> (§2.10); never empty.</summary>
    List,
    /// <summary>A structured object whose shape is <see cref="PropertySpec.Shape"/>.</summary>
    Object,
    /// <summary>A string from an open vocabulary (§2.11): other values are allowed, with a warning.</summary>
    OpenVocabulary,
    /// <summary>A string from a closed enumeration (§2.12).</summary>
    Enumeration,
    /// <summary>The <c>extensions</c> dictionary (§3.2, §7.3).</summary>
    Extensions,
    /// <summary>Any JSON value.</summary>
    Any,
}
