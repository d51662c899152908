using System.Collections.Concurrent;
using CyDef.Taxii.Resources;
using Microsoft.Extensions.Hosting;

namespace CyDef.Taxii.Server;

/// <summary>
/// The status resources of add-objects requests (TAXII 2.1 §4.3), in memory: a request completes in seconds, and a
/// client polls its status soon after. The oldest are forgotten beyond <see cref="TaxiiServerOptions.MaxStatuses"/>.
/// As a hosted service it lets pending requests finish when the node stops.
/// </summary>
internal sealed class StatusRegistry(Microsoft.Extensions.Options.IOptions<TaxiiServerOptions> options) : IHostedService
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Keeps a status; <paramref name="owner"/> (a user name, or null for administrators only) may read it.</summary>
    public void Put(string apiRoot, Status status, string? owner)
    {
        if (_entries.TryGetValue(status.Id, out var existing))
        {
            _entries[status.Id] = existing with { Status = status };
            return;
        }

        _entries[status.Id] = new Entry(apiRoot, status, owner);
        _order.Enqueue(status.Id);
        while (_entries.Count > options.Value.MaxStatuses && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    public Status? Find(string apiRoot, string id, string? user, bool administrator) =>
        _entries.TryGetValue(id, out var entry) && entry.ApiRoot == apiRoot && (administrator || (entry.Owner is not null && entry.Owner == user))
            ? entry.Status
            : null;

    /// <summary>Tracks an ingest that may outlive its request, so that stopping the node waits for it.</summary>
    public void Track(Task task)
    {
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);

    private sealed record Entry(string ApiRoot, Status Status, string? Owner);
}
