using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Server.Detection;

/// <summary>
/// What the store held of one sighting before this run of the node wrote it (count, first and last seen), and the
/// <c>modified</c> of the last version written, so that each new version adds to the old counts and comes later.
/// </summary>
internal sealed record SightingBase(long Count, long FirstSeen, long LastSeen, long Modified, long Window)
{
    public static SightingBase None { get; } = new(0, long.MaxValue, long.MinValue, 0, 0);

    /// <summary>The base a stored version gives.</summary>
    public static SightingBase Of(StixValue stored) => new(
        stored["count"] is { } count && count.TryGetInt64(out var n) ? n : 0,
        Ticks(stored["first_seen"]) ?? long.MaxValue,
        Ticks(stored["last_seen"]) ?? long.MinValue,
        Ticks(stored["modified"]) ?? 0,
        Ticks(stored["created"]) ?? 0);

    /// <summary>The version to write for an aggregate counted since the start, and the base after it.</summary>
    public (StixValue Version, SightingBase After) Continue(StixValue counted)
    {
        var modified = Math.Max(Ticks(counted["modified"]) ?? 0, Modified + TimeSpan.TicksPerMillisecond);
        var version = With(counted,
            ("modified", Time(modified, 3)),
            ("first_seen", Time(Math.Min(FirstSeen, Ticks(counted["first_seen"]) ?? long.MaxValue), 6)),
            ("last_seen", Time(Math.Max(LastSeen, Ticks(counted["last_seen"]) ?? long.MinValue), 6)),
            ("count", StixValue.Number(Math.Min(999_999_999, Count + (counted["count"] is { } c && c.TryGetInt64(out var n) ? n : 0)))));
        return (version, this with { Modified = modified, Window = Ticks(counted["created"]) ?? Window });
    }

    private static StixValue With(StixValue value, params (string Name, StixValue Value)[] changes) =>
        StixValue.Object([.. value.Properties.ToArray().Select(p => changes.FirstOrDefault(c => c.Name == p.Name) is { Name: not null } c ? new StixProperty(p.Name, c.Value) : p)]);

    private static long? Ticks(StixValue? value) =>
        value?.AsString() is { } text && StixTimestamp.TryParse(text, out var time) ? time.UtcDateTime.Ticks : null;

    private static StixValue Time(long ticks, int digits) =>
        StixValue.String(StixTimestamp.FromDateTime(new DateTime(ticks, DateTimeKind.Utc), digits).ToString());
}
