namespace CyDef.Stix;

/// <summary>
/// The identity of one version of a STIX object (§3.6): its id and its <c>modified</c> timestamp as written.
/// Objects that are not versioned (SCOs, marking definitions) have a null <see cref="Modified"/>.
/// </summary>
/// <param name="Id">The object's id.</param>
/// <param name="Modified">The <c>modified</c> text, or <see langword="null"/>.</param>
public readonly record struct StixVersionKey(string Id, string? Modified)
{
    /// <summary><c>id</c> or <c>id@modified</c>.</summary>
    public override string ToString() => Modified is null ? Id : $"{Id}@{Modified}";
}
