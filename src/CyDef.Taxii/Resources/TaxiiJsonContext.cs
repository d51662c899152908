using System.Text.Json.Serialization;

namespace CyDef.Taxii.Resources;

/// <summary>System.Text.Json metadata for the TAXII resources, generated at build time (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Discovery))]
[JsonSerializable(typeof(ApiRoot))]
[JsonSerializable(typeof(Collection))]
[JsonSerializable(typeof(CollectionList))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(VersionList))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(TaxiiError))]
internal sealed partial class TaxiiJsonContext : JsonSerializerContext;
