using CyDef.Federation;
using CyDef.Server.Web.Picture;
using CyDef.Stix.Json;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Security;

namespace CyDef.Server.Web.Data;

public sealed partial class UiReader
{
    private const int TopCount = 5;
    private const int TopReads = 40;

    /// <summary>
    /// The dashboard's recent activity for the user: alert level, top threat actors, malware and ATT&amp;CK techniques,
    /// sightings by country and by sensor. The index counts through the policy; every object named here is read
    /// through the user's policy view (a candidate the user may not have is skipped, never named).
    /// </summary>
    /// <param name="now">The end of the window (now).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<DashboardActivity> ActivityAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var view = await ViewAsync().ConfigureAwait(false);
        var counts = picture.Activity(gate.Policy, view.Viewer, now);
        var actors = await TopAsync(counts.Actors, static _ => true, cancellationToken).ConfigureAwait(false);
        var malware = await TopAsync(counts.Malware, static _ => true, cancellationToken).ConfigureAwait(false);
        var techniques = await TopAsync(counts.Techniques, static t => AttackId(t.Value) is not null, cancellationToken).ConfigureAwait(false);
        var sensors = new List<(SharedObject Identity, SensorActivity Activity)>();
        foreach (var sensor in counts.Sensors.Take(TopReads))
        {
            if (await view.GetAsync(sensor.Id, cancellationToken).ConfigureAwait(false) is { } identity)
            {
                sensors.Add((identity, sensor));
            }
        }

        return new DashboardActivity(AlertLevel.Of(counts), actors, malware, techniques, counts.Countries, sensors);
    }

    /// <summary>The peers' sync status for an administrator; null for anyone else (the status names peers and their errors).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<PeerStatus>?> PeersAsync(CancellationToken cancellationToken = default) =>
        (await UserAsync().ConfigureAwait(false)).IsInRole(NodeClaims.AdministratorRole)
            ? await federation.StatusAsync(cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The ATT&amp;CK id (T1566, T1566.001…) of an attack pattern with a <c>mitre-attack</c> external reference, or null.</summary>
    /// <param name="value">The attack pattern as the viewer has it.</param>
    public static string? AttackId(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value["external_references"] is { IsArray: true } references)
        {
            foreach (var reference in references.Items)
            {
                if (reference["source_name"]?.AsString() is "mitre-attack" or "mitre-ics-attack" or "mitre-mobile-attack")
                {
                    return reference["external_id"]?.AsString() ?? "";
                }
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<(SharedObject Object, int Count)>> TopAsync(IReadOnlyList<(string Id, int Count)> ranked, Func<SharedObject, bool> keep, CancellationToken cancellationToken)
    {
        var view = await ViewAsync().ConfigureAwait(false);
        var top = new List<(SharedObject, int)>();
        foreach (var (id, count) in ranked.Take(TopReads))
        {
            if (await view.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } shared && keep(shared))
            {
                top.Add((shared, count));
                if (top.Count == TopCount)
                {
                    break;
                }
            }
        }

        return top;
    }
}

/// <summary>The dashboard's recent activity as one user may see it (<see cref="UiReader.ActivityAsync"/>).</summary>
/// <param name="Alert">The alert level and why.</param>
/// <param name="Actors">Top threat actors and intrusion sets, with how many recent activity objects refer to each.</param>
/// <param name="Malware">Top malware, the same way.</param>
/// <param name="Techniques">Top ATT&amp;CK techniques, the same way.</param>
/// <param name="Countries">Sightings of the window by country (ISO 3166-1 alpha-2).</param>
/// <param name="Sensors">Where sightings were made in the last 24 hours, and how many.</param>
public sealed record DashboardActivity(
    AlertLevel Alert,
    IReadOnlyList<(SharedObject Object, int Count)> Actors,
    IReadOnlyList<(SharedObject Object, int Count)> Malware,
    IReadOnlyList<(SharedObject Object, int Count)> Techniques,
    IReadOnlyDictionary<string, int> Countries,
    IReadOnlyList<(SharedObject Identity, SensorActivity Activity)> Sensors);

/// <summary>
/// The alert level of the dashboard, from what the viewer may see of the last 30 days: sightings of the last 24 hours
/// against the daily average of the 29 days before, and incidents. 1 Normal; 2 Elevated: an incident in the last 7
/// days, or at least 3 sightings in 24 hours and twice the average; 3 High: an incident in the last 24 hours, or at
/// least 3 sightings and 4 times the average; 4 Severe: both an incident in the last 24 hours and at least 3
/// sightings at 4 times the average, or at least 10 sightings at 10 times the average.
/// </summary>
/// <param name="Level">1 (Normal) to 4 (Severe).</param>
/// <param name="Name">Normal, Elevated, High or Severe.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record AlertLevel(int Level, string Name, string Reason)
{
    /// <summary>The level for counts of recent activity.</summary>
    /// <param name="counts">What the viewer may see of recent activity.</param>
    public static AlertLevel Of(ActivityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var days = PictureIndex.ActivityWindow.TotalDays - 1;
        var average = counts.SightingsBefore / days;
        var today = counts.SightingsLastDay;
        var ratio = today / Math.Max(average, 1.0 / days);
        var reason = $"{today:N0} sightings in the last 24 hours (daily average before: {average:0.#}); {counts.IncidentsLastDay:N0} incidents in the last 24 hours, {counts.IncidentsLastWeek:N0} in 7 days.";
        var surge = today >= 3 && ratio >= 4;
        var level =
            (counts.IncidentsLastDay > 0 && surge) || (today >= 10 && ratio >= 10) ? 4
            : counts.IncidentsLastDay > 0 || surge ? 3
            : counts.IncidentsLastWeek > 0 || (today >= 3 && ratio >= 2) ? 2
            : 1;
        return new AlertLevel(level, level switch { 4 => "Severe", 3 => "High", 2 => "Elevated", _ => "Normal" }, reason);
    }
}
