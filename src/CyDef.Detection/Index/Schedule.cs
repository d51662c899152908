using CyDef.Stix.Json;

namespace CyDef.Detection.Index;

/// <summary>
/// When indicators change by themselves: pending ones at their <c>valid_from</c>, matched ones at their
/// <c>valid_until</c>. Entries are not removed when an indicator changes; the index checks on the way out that
/// an entry still holds.
/// </summary>
internal sealed class Schedule
{
    private readonly PriorityQueue<int, long> _exactExpiry = new();
    private readonly PriorityQueue<string, long> _patternExpiry = new();
    private readonly PriorityQueue<string, long> _pending = new();
    private readonly Dictionary<string, (StixValue Indicator, long From)> _pendingById = new(StringComparer.Ordinal);

    public int PendingCount => _pendingById.Count;

    public long? Next
    {
        get
        {
            long? next = null;
            Min(_exactExpiry.TryPeek(out _, out var a), a);
            Min(_patternExpiry.TryPeek(out _, out var b), b);
            Min(_pending.TryPeek(out _, out var c), c);
            return next;

            void Min(bool has, long ticks)
            {
                if (has && (next is null || ticks < next))
                {
                    next = ticks;
                }
            }
        }
    }

    public void AddExpiry(int slot, long until)
    {
        if (until != long.MaxValue)
        {
            _exactExpiry.Enqueue(slot, until);
        }
    }

    public void AddExpiry(string id, long until)
    {
        if (until != long.MaxValue)
        {
            _patternExpiry.Enqueue(id, until);
        }
    }

    public void AddPending(string id, StixValue indicator, long from)
    {
        _pendingById[id] = (indicator, from);
        _pending.Enqueue(id, from);
    }

    public bool RemovePending(string id) => _pendingById.Remove(id);

    public bool TakeExpired(long now, out Expiry expiry)
    {
        if (_exactExpiry.TryPeek(out var slot, out var until) && until <= now)
        {
            _exactExpiry.Dequeue();
            expiry = new Expiry(null, slot, until);
            return true;
        }

        if (_patternExpiry.TryPeek(out var id, out until) && until <= now)
        {
            _patternExpiry.Dequeue();
            expiry = new Expiry(id, -1, until);
            return true;
        }

        expiry = default;
        return false;
    }

    public bool TakeDue(long now, out (string Id, StixValue Indicator) due)
    {
        while (_pending.TryPeek(out var id, out var from) && from <= now)
        {
            _pending.Dequeue();
            if (_pendingById.TryGetValue(id, out var entry) && entry.From == from)
            {
                _pendingById.Remove(id);
                due = (id, entry.Indicator);
                return true;
            }
        }

        due = default;
        return false;
    }

    /// <summary>An indicator's <c>valid_until</c>: by slot for exact ones, by id for patterns.</summary>
    public readonly record struct Expiry(string? Id, int Slot, long Until);
}
