namespace CyDef.Storage.Internal;

/// <summary>A validated object turned into the rows the store writes; the sequence, date added and latest flag are set when its batch commits.</summary>
internal sealed class PreparedObject(string path, string id, string type, string? modified, string specVersion, bool revoked, byte[] json)
{
    public string Path { get; } = path;

    public string Id { get; } = id;

    /// <summary><see cref="Internal.IdKey.Of"/> of the id, computed where the object is prepared: the store's one writer
    /// asks for it several times per version, and is the ingest's narrowest stage.</summary>
    public long IdKey { get; } = Internal.IdKey.Of(id);

    public string Type { get; } = type;

    /// <summary>The <c>modified</c> text as written, or null.</summary>
    public string? Modified { get; } = modified;

    /// <summary><see cref="Modified"/> in the sortable normal form of <see cref="TimestampKey"/>; "" when absent.</summary>
    public string ModifiedKey { get; } = TimestampKey.From(modified);

    public string SpecVersion { get; } = specVersion;

    public bool Revoked { get; } = revoked;

    public byte[] Json { get; } = json;

    /// <summary>Words of the names, descriptions and values, lower case, separated by single spaces; null when none.</summary>
    public string? SearchText { get; set; }

    public List<Observable> Observables { get; } = [];

    public long Sequence { get; set; }

    /// <summary>Microseconds since the Unix epoch, UTC.</summary>
    public long DateAdded { get; set; }

    public bool Latest { get; set; }
}
