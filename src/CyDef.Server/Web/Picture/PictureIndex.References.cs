using System.Globalization;
using CyDef.Stix.Json;

namespace CyDef.Server.Web.Picture;

public sealed partial class PictureIndex
{
    // The properties through which a relationship, a sighting or a container points at other objects.
    private static readonly string[] ReferringProperties =
        ["source_ref", "target_ref", "sighting_of_ref", "where_sighted_refs", "observed_data_refs", "object_refs"];

    private void AddReferences(string id, StixValue value)
    {
        foreach (var name in ReferringProperties)
        {
            switch (value[name])
            {
                case { IsString: true } single:
                    AddReferrer(single.GetString(), id);
                    break;
                case { IsArray: true } many:
                    foreach (var item in many.Items[..Math.Min(many.Count, 200)])
                    {
                        if (item.AsString() is { } target)
                        {
                            AddReferrer(target, id);
                        }
                    }

                    break;
            }
        }
    }

    private void AddReferrer(string target, string referrer)
    {
        var hash = IdHash(target);
        if (!_referrers.TryGetValue(hash, out var list))
        {
            _referrers[hash] = list = [];
        }

        if (list.Count >= MaxReferrers)
        {
            list.RemoveAt(0);
        }

        list.Add(referrer);
    }

    // FNV-1a, 64 bits: ids are keys of a dictionary of a million entries without keeping their text.
    internal static ulong IdHash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static long Ticks(string? modified) =>
        modified is not null && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcTicks : 0;

    private static int Day(StixValue sighting)
    {
        var text = sighting["first_seen"]?.AsString() ?? sighting["created"]?.AsString();
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime).DayNumber
            : -1;
    }
}
