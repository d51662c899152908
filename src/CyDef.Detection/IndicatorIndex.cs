using CyDef.Detection.Index;
using CyDef.Patterns;
using CyDef.Stix;
using CyDef.Stix.Json;

namespace CyDef.Detection;

/// <summary>
/// The indicators a node matches sensor events against: the currently valid ones (<c>valid_from</c> ≤ now &lt;
/// <c>valid_until</c>, not revoked, <c>pattern_type</c> stix). Exact-value patterns (<see cref="ExactValues"/>) on the
/// paths events carry go into a flat hash table keyed by path and UTF-8 value (about 110 bytes per indicator); every
/// other pattern into a compiled <see cref="PatternMatcher"/>. Indicators are applied and removed while sessions
/// match (read locks per event or per batch of events, a write lock per change); <see cref="Advance"/> brings in
/// indicators whose <c>valid_from</c> has come and takes out expired ones.
/// </summary>
public sealed partial class IndicatorIndex
{
    private const int MaxExactValueBytes = 4096;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly TimeProvider _clock;
    private readonly ExactTable _exact = new();
    private readonly GuidMap _bySlot;
    private readonly PatternMatcher _patterns = new();
    private readonly Dictionary<string, PatternInfo> _patternInfo = new(StringComparer.Ordinal);
    private readonly Markings _markings = new();
    private readonly Schedule _schedule = new();
    private Guid[] _ids = new Guid[16];
    private int[] _first = new int[16];
    private int[] _marking = new int[16];
    private long[] _until = new long[16];
    private int _slots;
    private int _freeSlot = -1;

    /// <summary>Creates an empty index.</summary>
    /// <param name="clock">The clock validity is judged by; the system's when null.</param>
    public IndicatorIndex(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _bySlot = new GuidMap(slot => _ids[slot]);
    }

    /// <summary>Indicators matched by exact values.</summary>
    public int ExactCount => Read(() => _bySlot.Count);

    /// <summary>Indicators matched by the compiled pattern matcher.</summary>
    public int PatternCount => Read(() => _patternInfo.Count);

    /// <summary>Indicators waiting for their <c>valid_from</c>.</summary>
    public int PendingCount => Read(() => _schedule.PendingCount);

    /// <summary>The compiled matcher of the patterns that are not exact-value ones.</summary>
    internal PatternMatcher Patterns => _patterns;

    internal ReaderWriterLockSlim Lock => _lock;

    /// <summary>Applies an indicator version (the newest the store holds): adds, replaces or removes it.</summary>
    /// <param name="indicator">A STIX object; only indicators are used.</param>
    /// <returns>What the index did.</returns>
    public IndicatorChange Apply(StixValue indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator["type"]?.AsString() != "indicator" || indicator["id"]?.AsString() is not { } id)
        {
            return IndicatorChange.Ignored;
        }

        var plan = IndicatorPlan.Of(indicator, _clock.GetUtcNow().UtcTicks);
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(id);
            return plan.Change switch
            {
                IndicatorChange.Pending => Schedule(id, indicator, plan),
                IndicatorChange.AddedExact or IndicatorChange.AddedPattern => AddLocked(id, plan),
                var other => other,
            };
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Takes an indicator out.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>Whether the index held it (or had it pending).</returns>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds the pending indicators whose <c>valid_from</c> has come, removes those whose <c>valid_until</c> has.</summary>
    /// <returns>How many changed.</returns>
    public int Advance()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        _lock.EnterWriteLock();
        try
        {
            var changed = 0;
            while (_schedule.TakeExpired(now, out var expired))
            {
                if (IsCurrentUntil(expired))
                {
                    changed++;
                    if (expired.Slot >= 0)
                    {
                        RemoveSlot(expired.Slot);
                    }
                    else
                    {
                        RemovePattern(expired.Id!);
                    }
                }
            }

            while (_schedule.TakeDue(now, out var due))
            {
                var plan = IndicatorPlan.Of(due.Indicator, now);
                changed += plan.Change is IndicatorChange.AddedExact or IndicatorChange.AddedPattern && AddLocked(due.Id, plan) != IndicatorChange.Ignored ? 1 : 0;
            }

            return changed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>When <see cref="Advance"/> next has something to do, or null.</summary>
    public DateTimeOffset? NextChange => Read(() => _schedule.Next is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null);

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private IndicatorChange Schedule(string id, StixValue indicator, IndicatorPlan plan)
    {
        _schedule.AddPending(id, indicator, plan.ValidFrom);
        return IndicatorChange.Pending;
    }

    private bool IsCurrentUntil(Schedule.Expiry expiry) =>
        expiry.Slot >= 0
            ? _first[expiry.Slot] != Free && _until[expiry.Slot] == expiry.Until
            : _patternInfo.TryGetValue(expiry.Id!, out var info) && info.Until == expiry.Until;

    private readonly record struct PatternInfo(int Marking, long Until);
}
