namespace CyDef.Detection;

/// <summary>
/// Indicator ids in their canonical form, <c>indicator--</c> and a lower-case UUID, kept as the UUID alone: the index
/// keeps its indicators so, and the sightings aggregator its aggregates.
/// </summary>
internal static class IndicatorIds
{
    private const string Prefix = "indicator--";

    /// <summary>The UUID of an id in canonical form (the form <see cref="Of"/> writes back); false for any other id.</summary>
    /// <param name="id">An indicator id.</param>
    /// <param name="uuid">Its UUID.</param>
    public static bool TryCanonical(string id, out Guid uuid)
    {
        uuid = default;
        if (id.Length != Prefix.Length + 36 || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var text = id.AsSpan(Prefix.Length);
        return Guid.TryParseExact(text, "D", out uuid) && !text.ContainsAnyInRange('A', 'F');
    }

    /// <summary>The canonical id of a UUID, in one string.</summary>
    /// <param name="uuid">The UUID.</param>
    public static string Of(Guid uuid) => string.Create(Prefix.Length + 36, uuid, static (chars, uuid) =>
    {
        Prefix.CopyTo(chars);
        uuid.TryFormat(chars[Prefix.Length..], out _); // "D": 36 characters, lower case
    });
}
