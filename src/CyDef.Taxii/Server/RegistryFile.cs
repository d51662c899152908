using System.Text.Json.Serialization;

namespace CyDef.Taxii.Server;

/// <summary>The registry as it is written to the data folder.</summary>
internal sealed record RegistryFile(string DefaultApiRoot, IReadOnlyList<ApiRootRecord> ApiRoots);

/// <summary>Build-time JSON metadata for <see cref="RegistryFile"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryFile))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
