using System.Text;
using CyDef.Sharing;
using CyDef.Federation;
using CyDef.Stix.Json;
using CyDef.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Web.Picture;

/// <summary>
/// Follows the store's change feed (from the start at each start of the node, then as versions arrive) and keeps what
/// the dashboard and the object pages need at a million objects: the newest versions grouped in
/// <see cref="PolicyClass"/>es — counted, with sightings by day — and, for each object, the relationships, sightings
/// and containers that refer to it. It holds no content that a user is shown: counts are answered by asking the
/// sharing policy about one real object of each class for the viewer, and referrers are ids that the object page
/// reads through the viewer's <see cref="Storage.Sharing.PolicyView"/>. <see cref="Changed"/> tells the live pages
/// that new versions arrived. A version an administrator deletes leaves the feed: the index reads the store's deletion
/// log (when the store tells of a deletion, and every poll period) and counts the object's newest remaining version,
/// if any, in its place.
/// </summary>
public sealed partial class PictureIndex(IObjectStore store, ChangeFeedWatcher watcher, ILogger<PictureIndex> logger) : BackgroundService
{
    private const int PageSize = 5000;
    private const int MaxReferrers = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly List<PolicyClass> _classes = [];
    private readonly Dictionary<string, int> _classByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Latest> _latest = [];
    private readonly Dictionary<ulong, List<string>> _referrers = [];
    private readonly Dictionary<string, Queue<long>> _recent = new(StringComparer.Ordinal);
    private readonly CommittedTail _tail = new(store);
    private long _sequence;
    private long _deletions = -1;
    private long _deletionsRead = long.MinValue / 2;
    private bool _ready;

    /// <summary>Raised (on the index's thread) after new versions were taken in; the argument is the last sequence number.</summary>
    public event Action<long>? Changed;

    /// <summary>The last sequence number taken in.</summary>
    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The position of the store's deletion log taken in (-1 before the index starts).</summary>
    public long DeletionPosition => Volatile.Read(ref _deletions);

    /// <summary>Counts what <paramref name="viewer"/> may see, asking <paramref name="policy"/> once per class.</summary>
    /// <param name="policy">The node's sharing policy.</param>
    /// <param name="viewer">Who looks.</param>
    public PictureCounts Count(SharingPolicy policy, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(viewer);
        PolicyClass[] classes;
        long sequence;
        bool ready;
        lock (_lock)
        {
            classes = [.. _classes];
            sequence = _sequence;
            ready = _ready;
        }

        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var days = new SortedDictionary<DateOnly, long>();
        foreach (var policyClass in classes)
        {
            var (count, classDays) = Snapshot(policyClass);
            if (count <= 0 && classDays.Count == 0 || !policy.CanSee(policyClass.Representative, viewer))
            {
                continue;
            }

            byType[policyClass.Type] = byType.GetValueOrDefault(policyClass.Type) + count;
            foreach (var (day, n) in classDays)
            {
                var date = DateOnly.FromDayNumber(day);
                days[date] = days.GetValueOrDefault(date) + n;
            }
        }

        foreach (var empty in byType.Where(p => p.Value == 0).Select(p => p.Key).ToList())
        {
            byType.Remove(empty);
        }

        return new PictureCounts(byType, days, sequence, ready);
    }

    /// <summary>The ids of the relationships, sightings and containers (reports, groupings, notes, opinions) that refer to an object, newest first; read them through the viewer's policy view.</summary>
    /// <param name="id">The object's id.</param>
    public IReadOnlyList<string> Referrers(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return _referrers.TryGetValue(IdHash(id), out var list) ? [.. Enumerable.Reverse(list)] : [];
        }
    }

    /// <summary>The sequence numbers of the newest versions of a type, newest first (at most <see cref="RecentPerType"/>); read them through the viewer's policy view.</summary>
    /// <param name="type">The STIX type.</param>
    public IReadOnlyList<long> Recent(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_lock)
        {
            return _recent.TryGetValue(type, out var queue) ? [.. queue.Reverse()] : [];
        }
    }

    /// <summary>How many versions the index took from the store's commits in memory instead of reading them back.</summary>
    public long TakenFromCommits => _tail.Taken;

    /// <summary>How many recent ids are kept per type.</summary>
    public const int RecentPerType = 256;

    /// <summary>Waits until the index has taken in every version up to <paramref name="sequence"/>.</summary>
    /// <param name="sequence">A sequence number of the feed.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WaitForAsync(long sequence, CancellationToken cancellationToken = default)
    {
        while (Sequence < sequence)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _tail.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<StoredObject> versions;
            bool more;
            bool deleted;
            try
            {
                if (_deletions < 0)
                {
                    // The feed, read from its start, no longer holds what was deleted before now.
                    Volatile.Write(ref _deletions, await store.GetLastDeletionAsync(stoppingToken).ConfigureAwait(false));
                }

                // The batch the node's store just committed, from memory when the index is up to it; else the store.
                if (_tail.TryRead(Sequence, out var committed))
                {
                    (versions, more) = (committed, true);
                }
                else
                {
                    var page = await store.ReadChangesAsync(Sequence, PageSize, stoppingToken).ConfigureAwait(false);
                    (versions, more) = (page.Items, page.More);
                }

                Take(versions);
                deleted = false;
                if (watcher.LastDeletion > _deletions || Environment.TickCount64 - _deletionsRead >= (long)Poll.TotalMilliseconds)
                {
                    // Told of a deletion by the node's store, or a poll period has passed (deletions by another process).
                    _deletionsRead = Environment.TickCount64;
                    deleted = await TakeDeletionsAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                LogReadFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (versions.Count > 0 || deleted)
            {
                Changed?.Invoke(Sequence);
            }

            if (!more)
            {
                if (!_ready)
                {
                    lock (_lock)
                    {
                        _ready = true;
                    }

                    LogReady(logger, Sequence, started.Elapsed.TotalSeconds);
                }

                try
                {
                    // Woken as soon as the feed grows; the poll only guards against a missed wake-up.
                    await watcher.WaitAsync(Sequence, _deletions, Poll, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Take(IReadOnlyList<StoredObject> versions)
    {
        var prepared = new List<(StoredObject Stored, StixValue Value)>(versions.Count);
        foreach (var stored in versions)
        {
            if (StixJsonReader.ParseInPlace(stored.Json).Value is { IsObject: true } value)
            {
                prepared.Add((stored, value));
            }
        }

        lock (_lock)
        {
            foreach (var (stored, value) in prepared)
            {
                Apply(stored, value);
            }

            if (versions.Count > 0)
            {
                _sequence = versions[^1].Sequence;
            }
        }
    }

    /// <summary>
    /// Takes in the deletion log after the position reached: the deleted newest version of an object stops being
    /// counted, and the newest version the store still has — when the feed has already been read past it — is counted
    /// instead. True when anything changed.
    /// </summary>
    private async Task<bool> TakeDeletionsAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        IReadOnlyList<DeletedVersion> deletions;
        do
        {
            deletions = await store.ReadDeletionsAsync(_deletions, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var deleted in deletions)
            {
                if (deleted.WasLatest)
                {
                    var remaining = await store.GetAsync(deleted.Id, cancellationToken).ConfigureAwait(false);
                    var value = remaining is null ? null : StixJsonReader.ParseInPlace(remaining.Json).Value;
                    lock (_lock)
                    {
                        changed |= Forget(deleted.Id);
                        if (remaining is not null && remaining.Sequence <= _sequence && value is { IsObject: true })
                        {
                            Apply(remaining, value, references: false);
                            changed = true;
                        }
                    }
                }

                Volatile.Write(ref _deletions, deleted.Position);
            }
        }
        while (deletions.Count == PageSize);
        return changed;
    }

    // Stops counting an object's newest version, in the counts and in the recent activity; its referrers stay (the
    // object page reads them through the policy view, where a deleted one is not found).
    private bool Forget(string id)
    {
        var hash = IdHash(id);
        if (!_latest.Remove(hash, out var previous))
        {
            return false;
        }

        ForgetActivity(hash);

        var old = _classes[previous.Class];
        old.Count--;
        if (previous.Day >= 0)
        {
            Decrement(old.Days, previous.Day);
        }

        return true;
    }

    private void Apply(StoredObject stored, StixValue value, bool references = true)
    {
        var hash = IdHash(stored.Id);
        var modified = Ticks(stored.Modified);
        if (_latest.TryGetValue(hash, out var previous))
        {
            if (previous.Modified > modified)
            {
                return; // an older version arriving after a newer one
            }

            var old = _classes[previous.Class];
            old.Count--;
            if (previous.Day >= 0)
            {
                Decrement(old.Days, previous.Day);
            }
        }
        else if (references)
        {
            AddReferences(stored.Id, value);
        }

        var index = ClassOf(stored.Type, value);
        var policyClass = _classes[index];
        policyClass.Count++;
        var day = stored.Type == "sighting" ? Day(value) : -1;
        if (day >= 0)
        {
            policyClass.Days[day] = policyClass.Days.GetValueOrDefault(day) + 1;
        }

        _latest[hash] = new Latest(index, modified, day);
        TakeActivity(stored, value, hash, index);
        if (!_recent.TryGetValue(stored.Type, out var recent))
        {
            _recent[stored.Type] = recent = new Queue<long>();
        }

        if (recent.Count >= RecentPerType)
        {
            recent.Dequeue();
        }

        recent.Enqueue(stored.Sequence);
    }

    private int ClassOf(string type, StixValue value)
    {
        var key = new StringBuilder(type).Append('\n').Append(value["created_by_ref"]?.AsString()).Append('\n');
        if (value["object_marking_refs"] is { } refs)
        {
            key.Append(refs.IsArray ? string.Join(",", refs.Items.ToArray().Select(r => r.ToString()).Order(StringComparer.Ordinal)) : refs.ToString());
        }

        key.Append('\n');
        if (value["granular_markings"] is { } granular)
        {
            key.Append(StixJsonWriter.ToJsonString(granular));
        }

        var text = key.ToString();
        if (!_classByKey.TryGetValue(text, out var index))
        {
            index = _classes.Count;
            _classes.Add(new PolicyClass(type, value));
            _classByKey[text] = index;
        }

        return index;
    }

    private (int Count, List<KeyValuePair<int, int>> Days) Snapshot(PolicyClass policyClass)
    {
        lock (_lock)
        {
            return (policyClass.Count, [.. policyClass.Days]);
        }
    }

    private static void Decrement(Dictionary<int, int> days, int day)
    {
        if (days.TryGetValue(day, out var n))
        {
            if (n <= 1)
            {
                days.Remove(day);
            }
            else
            {
                days[day] = n - 1;
            }
        }
    }

    private readonly record struct Latest(int Class, long Modified, int Day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The UI's index could not read the change feed; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The UI's index has read the change feed up to {Sequence} in {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, long sequence, double seconds);
}
