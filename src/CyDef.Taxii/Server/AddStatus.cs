using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Taxii.Resources;

namespace CyDef.Taxii.Server;

/// <summary>The status resources (§4.3.1) of an add-objects request, before and after the store's ingest.</summary>
internal static class AddStatus
{
    public static Status Pending(StixValue[] objects, DateTimeOffset requested)
    {
        var details = objects.Select(Details).ToList();
        return new Status(Guid.NewGuid().ToString(), Status.Pending, TaxiiTimestamp.ToString(requested), objects.Length, 0, null, 0, null, objects.Length, details.Count > 0 ? details : null);
    }

    public static async Task<Status> CompleteAsync(Status pending, StixValue[] objects, IngestReport report, IObjectStore store, CancellationToken cancellationToken)
    {
        var failed = new Dictionary<int, string>();
        foreach (var rejection in report.Rejections)
        {
            if (Index(rejection.Path) is { } index)
            {
                failed[index] = string.Join("; ", rejection.Reasons.Select(r => r.ToString()));
            }
        }

        var successes = new List<StatusDetails>();
        var failures = new List<StatusDetails>();
        for (var i = 0; i < objects.Length; i++)
        {
            if (failed.TryGetValue(i, out var message))
            {
                failures.Add(Details(objects[i]) with { Message = message });
            }
            else
            {
                successes.Add(await SuccessAsync(objects[i], store, cancellationToken).ConfigureAwait(false));
            }
        }

        return Finish(pending, successes, failures);
    }

    public static Status Failed(Status pending, StixValue[] objects, string message) =>
        Finish(pending, [], objects.Select(o => Details(o) with { Message = message }).ToList());

    private static Status Finish(Status pending, List<StatusDetails> successes, List<StatusDetails> failures) => pending with
    {
        State = Status.Complete,
        SuccessCount = successes.Count,
        Successes = successes.Count > 0 ? successes : null,
        FailureCount = failures.Count,
        Failures = failures.Count > 0 ? failures : null,
        PendingCount = 0,
        Pendings = null,
    };

    // An object without modified or created (an SCO) has the date the store added it as its version (§3.3).
    private static async Task<StatusDetails> SuccessAsync(StixValue item, IObjectStore store, CancellationToken cancellationToken)
    {
        var details = Details(item);
        if (details.Version.Length == 0 && details.Id.Length > 0 && await store.GetAsync(details.Id, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            details = details with { Version = StoredVersions.VersionOf(stored) };
        }

        return details;
    }

    private static StatusDetails Details(StixValue item) => new(
        item["id"]?.AsString() ?? "",
        item["modified"]?.AsString() ?? item["created"]?.AsString() ?? "");

    // Rejections name their item as $.objects[i].
    private static int? Index(string path)
    {
        const string Prefix = "$.objects[";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = path.IndexOf(']', Prefix.Length);
        return end > 0 && int.TryParse(path.AsSpan(Prefix.Length, end - Prefix.Length), out var index) ? index : null;
    }
}
