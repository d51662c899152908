namespace CyDef.Taxii;

/// <summary>The media types of TAXII 2.1 (§1.6.8 and the endpoint tables).</summary>
public static class TaxiiMediaTypes
{
    /// <summary>TAXII resources, version 2.1: every request's <c>Accept</c>, every response's <c>Content-Type</c>.</summary>
    public const string Taxii21 = "application/taxii+json;version=2.1";

    /// <summary>TAXII resources without a version: "the newest version the server supports".</summary>
    public const string Taxii = "application/taxii+json";

    /// <summary>STIX 2.1 content (a collection's <c>media_types</c>, a manifest record's <c>media_type</c>).</summary>
    public const string Stix21 = "application/stix+json;version=2.1";

    /// <summary>The STIX media type of a given <c>spec_version</c>.</summary>
    /// <param name="specVersion">E.g. <c>2.1</c>.</param>
    public static string Stix(string specVersion) => specVersion == "2.1" ? Stix21 : "application/stix+json;version=" + specVersion;
}
