using System.Text;
using CyDef.Detection.Index;

namespace CyDef.Detection;

public sealed partial class IndicatorIndex
{
    private volatile int _patternTotal;

    /// <summary>
    /// The indicators one event matches: each value looked up, for every path it stands on, in the exact-value table
    /// (a read lock, no allocation unless it hits); then, when the compiled matcher holds patterns and its probe says
    /// one may match, the event's Observation pushed through the stream's pattern session.
    /// </summary>
    internal void Match(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        hits.Clear();
        MatchExact(e, scratch, hits);
        if (_patternTotal > 0 && MayMatchPattern(e, scratch))
        {
            MatchPatterns(e, scratch, hits);
        }
    }

    private void MatchExact(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        var slots = scratch.Slots;
        slots.Clear();
        var shape = Shape.Of(e);
        Span<byte> paths = stackalloc byte[2];
        _lock.EnterReadLock();
        try
        {
            if (_bySlot.Count == 0)
            {
                return;
            }

            for (var i = 0; i < e.Count; i++)
            {
                var value = e.ValueAt(i);
                var n = shape.PathsOf(e.FieldAt(i), value, paths);
                for (var p = 0; p < n; p++)
                {
                    if (_exact.Uses(paths[p]))
                    {
                        _exact.Lookup(paths[p], value, slots);
                    }
                }
            }

            for (var i = 0; i < slots.Count; i++)
            {
                if (slots.IndexOf(slots[i]) == i)
                {
                    hits.Add(new Hit(IdOf(slots[i]), MarkingsOf(slots[i])));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static bool MayMatchPattern(SensorEvent e, MatchScratch scratch)
    {
        var probe = scratch.Probe;
        var shape = Shape.Of(e);
        Span<byte> paths = stackalloc byte[2];
        probe.Enter();
        try
        {
            if (shape.AnyTypeAlways(e, probe))
            {
                return true;
            }

            for (var i = 0; i < e.Count; i++)
            {
                var value = e.ValueAt(i);
                var n = shape.PathsOf(e.FieldAt(i), value, paths);
                if (n == 0 || !(probe.Indexes(paths[0]) || (n > 1 && probe.Indexes(paths[1]))))
                {
                    continue;
                }

                if (scratch.Chars.Length < value.Length)
                {
                    scratch.Chars = new char[value.Length * 2];
                }

                var chars = scratch.Chars.AsSpan(0, Encoding.UTF8.GetChars(value, scratch.Chars));
                for (var p = 0; p < n; p++)
                {
                    if (probe.MayMatch(paths[p], chars))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        finally
        {
            probe.Exit();
        }
    }

    private void MatchPatterns(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        scratch.Matches.Clear();
        scratch.Session.Push(EventObservation.Build(e), scratch.Matches);
        if (scratch.Matches.Count == 0)
        {
            return;
        }

        _lock.EnterReadLock();
        try
        {
            foreach (var match in scratch.Matches)
            {
                hits.Add(new Hit(match.Id, PatternMarkings(match.Id)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Which SCOs an event's Observation holds, and so on which paths each of its values stands.</summary>
    private readonly record struct Shape(bool HasDomain, bool HasTraffic)
    {
        public static Shape Of(SensorEvent e)
        {
            bool domain = false, traffic = false;
            for (var i = 0; i < e.Count; i++)
            {
                domain |= e.FieldAt(i) == EventField.Domain;
                traffic |= e.FieldAt(i) is EventField.SourceIp or EventField.DestinationIp;
            }

            return new Shape(domain, traffic);
        }

        public int PathsOf(EventField field, ReadOnlySpan<byte> value, Span<byte> into) =>
            field == EventField.Protocol && !HasTraffic ? 0 : KnownPaths.Of(field, value.Contains((byte)':'), HasDomain, into);

        public bool AnyTypeAlways(SensorEvent e, Patterns.PatternMatcherProbe probe)
        {
            for (var i = 0; i < e.Count; i++)
            {
                var type = KnownPaths.TypeOf(e.FieldAt(i), e.ValueAt(i).Contains((byte)':'));
                if ((type >= 0 && probe.TypeAlwaysCandidate(type)) || (HasTraffic && probe.TypeAlwaysCandidate(KnownPaths.TrafficType)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
