using System.Text;
using CyDef.Detection.Index;

namespace CyDef.Detection;

public sealed partial class IndicatorIndex
{
    private const int Free = -2;

    /// <summary>Bytes of the exact-value tables (entries, hash tables, values, per-indicator arrays), without the compiled matcher.</summary>
    public long ExactBytes => Read(() => _exact.Bytes + _bySlot.Bytes + (_ids.Length * (16L + 4 + 4 + 8)));

    private IndicatorChange AddLocked(string id, IndicatorPlan plan)
    {
        var marking = _markings.Intern(plan.Markings);
        if (plan.Change == IndicatorChange.AddedExact && IndicatorIds.TryCanonical(id, out var uuid))
        {
            var slot = NewSlot();
            _ids[slot] = uuid;
            _marking[slot] = marking;
            _until[slot] = plan.Until;
            var first = -1;
            Span<byte> buffer = stackalloc byte[4096];
            foreach (var value in plan.Values)
            {
                KnownPaths.TryGet(value.Path, out var path);
                var length = Encoding.UTF8.GetBytes(value.Value, buffer);
                first = _exact.Add(path, buffer[..length], slot, first);
            }

            _first[slot] = first;
            _bySlot.Add(uuid, slot);
            _schedule.AddExpiry(slot, plan.Until);
            return IndicatorChange.AddedExact;
        }

        _patterns.Add(id, plan.Pattern!);
        _patternInfo[id] = new PatternInfo(marking, plan.Until);
        _patternTotal = _patternInfo.Count;
        _schedule.AddExpiry(id, plan.Until);
        return IndicatorChange.AddedPattern;
    }

    private bool RemoveLocked(string id)
    {
        var pending = _schedule.RemovePending(id);
        if (IndicatorIds.TryCanonical(id, out var uuid) && _bySlot.TryGet(uuid, out var slot))
        {
            RemoveSlot(slot);
            return true;
        }

        return RemovePattern(id) || pending;
    }

    private void RemoveSlot(int slot)
    {
        for (var entry = _first[slot]; entry >= 0;)
        {
            var next = _exact.Next(entry);
            _exact.Remove(entry);
            entry = next;
        }

        _bySlot.Remove(_ids[slot]);
        _first[slot] = Free;
        _marking[slot] = _freeSlot;
        _freeSlot = slot;
    }

    private bool RemovePattern(string id)
    {
        if (!_patternInfo.Remove(id))
        {
            return false;
        }

        _patterns.Remove(id);
        _patternTotal = _patternInfo.Count;
        return true;
    }

    private int NewSlot()
    {
        if (_freeSlot >= 0)
        {
            var slot = _freeSlot;
            _freeSlot = _marking[slot];
            return slot;
        }

        if (_slots == _ids.Length)
        {
            var size = _ids.Length * 2;
            Array.Resize(ref _ids, size);
            Array.Resize(ref _first, size);
            Array.Resize(ref _marking, size);
            Array.Resize(ref _until, size);
        }

        return _slots++;
    }

    /// <summary>The id of the indicator in a slot (materialised for a hit).</summary>
    internal string IdOf(int slot) => IndicatorIds.Of(_ids[slot]);

    internal string[] MarkingsOf(int slot) => _markings.Get(_marking[slot]);

    internal string[] PatternMarkings(string id) => _patternInfo.TryGetValue(id, out var info) ? _markings.Get(info.Marking) : [];
}
