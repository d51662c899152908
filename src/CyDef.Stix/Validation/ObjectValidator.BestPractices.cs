using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

internal sealed partial class ObjectValidator
{
    /// <summary>SHOULD-level findings that concern a whole object.</summary>
    private void BestPractices(StixValue value, ObjectSpec spec, string path)
    {
        if (spec.Category == StixCategory.CyberObservable)
        {
            CheckObservableId(value, spec, path);
        }
    }

    // §2.9: SCOs SHOULD use UUIDv5 ids made from their ID Contributing Properties.
    private void CheckObservableId(StixValue value, ObjectSpec spec, string path)
    {
        if (value["id"]?.AsString() is not { } id || !Formats.TryParseIdentifier(id, out _, out _))
        {
            return;
        }

        var expected = spec.IdContributingProperties.Count == 0 ? null : DeterministicId.ForObservable(value, spec);
        if (expected is null)
        {
            if (Formats.UuidVersion(id) != 4)
            {
                Error(JsonPath.Property(path, "id"), $"a {spec.Type} with no ID Contributing Properties must use a UUIDv4 for its id", "2.9");
            }
        }
        else if (Formats.UuidVersion(id) == 5 && id != expected)
        {
            Warning("uuid-check", JsonPath.Property(path, "id"), $"the id should be the deterministic UUIDv5 '{expected}'", "2.9");
        }
        else if (Formats.UuidVersion(id) != 5)
        {
            Warning("uuid-check", JsonPath.Property(path, "id"), "SCO ids should be UUIDv5, made from the ID Contributing Properties", "2.9");
        }
    }
}
