using CyDef.Detection.Index;

namespace CyDef.Detection;

public sealed partial class IndicatorIndex
{
    private volatile int _patternTotal;

    /// <summary>
    /// The indicators one event matches: each value looked up, for every path it stands on, in the exact-value table
    /// (no allocation unless it hits); then, when the compiled matcher holds patterns and its probe says one may
    /// match, the event's Observation pushed through the stream's pattern session. Takes and releases the read locks;
    /// <see cref="MatchLocked"/> matches under locks a caller holds for a batch of events.
    /// </summary>
    internal void Match(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        EnterRead(scratch);
        try
        {
            MatchLocked(e, scratch, hits);
        }
        finally
        {
            ExitRead(scratch);
        }
    }

    /// <summary>Takes the read locks matching runs under: the index's, then the compiled matcher's (through the probe).</summary>
    internal void EnterRead(MatchScratch scratch)
    {
        _lock.EnterReadLock();
        try
        {
            scratch.Probe.Enter();
        }
        catch
        {
            _lock.ExitReadLock();
            throw;
        }
    }

    internal void ExitRead(MatchScratch scratch)
    {
        scratch.Probe.Exit();
        _lock.ExitReadLock();
    }

    /// <summary>What <see cref="Match"/> does, under the locks of <see cref="EnterRead"/>.</summary>
    internal void MatchLocked(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        hits.Clear();
        var shape = Shape.Of(e);
        MatchExact(e, shape, scratch, hits);
        if (_patternTotal > 0 && MayMatchPattern(e, shape, scratch))
        {
            MatchPatterns(e, scratch, hits);
        }
    }

    /// <summary>The exact-value part of <see cref="MatchLocked"/>.</summary>
    internal void MatchExact(SensorEvent e, Shape shape, MatchScratch scratch, List<Hit> hits)
    {
        var slots = scratch.Slots;
        slots.Clear();
        if (_bySlot.Count == 0)
        {
            return;
        }

        LookupAll(e, shape, scratch.Probes, slots);
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots.IndexOf(slots[i]) == i)
            {
                hits.Add(new Hit(IdOf(slots[i]), MarkingsOf(slots[i])));
            }
        }
    }

    /// <summary>
    /// Every value on every path the table uses: each value hashed once (a value asked twice in one event, as DNS
    /// records name the query in the answers, only once), all of them asked of the filter, then the few it passes
    /// looked up on each of their paths.
    /// </summary>
    private void LookupAll(SensorEvent e, Shape shape, ExactProbe[] probes, List<int> slots)
    {
        Span<byte> paths = stackalloc byte[2];
        var n = 0;
        for (var i = 0; i < e.Count; i++)
        {
            var count = shape.PathsOf(e, i, paths);
            byte first = ExactProbe.None, second = ExactProbe.None;
            for (var p = 0; p < count; p++)
            {
                if (_exact.Uses(paths[p]))
                {
                    (first, second) = first == ExactProbe.None ? (paths[p], second) : (first, paths[p]);
                }
            }

            if (first == ExactProbe.None)
            {
                continue;
            }

            var value = e.ValueAt(i);
            var hash = ValueHash.Of(value);
            if (!AskedBefore(e, probes, n, hash, first, second, value))
            {
                probes[n++] = new ExactProbe { Value = i, Path = first, Second = second, Hash = hash };
            }
        }

        // The filter's loads are independent of each other: the core overlaps their cache misses.
        var passed = 0;
        for (var k = 0; k < n; k++)
        {
            if (_exact.MayContain(probes[k].Hash))
            {
                probes[passed++] = probes[k];
            }
        }

        for (var k = 0; k < passed; k++)
        {
            ref var probe = ref probes[k];
            var value = e.ValueAt(probe.Value);
            _exact.Lookup(probe.Path, value, ValueHash.OnPath(probe.Hash, probe.Path), slots);
            if (probe.Second != ExactProbe.None)
            {
                _exact.Lookup(probe.Second, value, ValueHash.OnPath(probe.Hash, probe.Second), slots);
            }
        }
    }

    /// <summary>Whether one of the first <paramref name="n"/> probes already asks for this value on these paths.</summary>
    private static bool AskedBefore(SensorEvent e, ExactProbe[] probes, int n, uint hash, byte first, byte second, ReadOnlySpan<byte> value)
    {
        for (var k = 0; k < n; k++)
        {
            ref var probe = ref probes[k];
            if (probe.Hash == hash && probe.Path == first && probe.Second == second && e.ValueAt(probe.Value).SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The probe part of <see cref="MatchLocked"/>: whether some compound pattern may match the event.</summary>
    internal static bool MayMatchPattern(SensorEvent e, Shape shape, MatchScratch scratch)
    {
        var probe = scratch.Probe;
        if (shape.AnyTypeAlways(e, probe))
        {
            return true;
        }

        Span<byte> paths = stackalloc byte[2];
        for (var i = 0; i < e.Count; i++)
        {
            var n = shape.PathsOf(e, i, paths);
            if (n == 0 || !(probe.Indexes(paths[0]) || (n > 1 && probe.Indexes(paths[1]))))
            {
                continue;
            }

            // The probe asks its filters on the UTF-8 bytes and decodes only the values that pass.
            var value = e.ValueAt(i);
            for (var p = 0; p < n; p++)
            {
                if (probe.MayMatch(paths[p], value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Pushes the event's Observation through the session, which takes the matcher's lock itself: the probe lets go of it meanwhile.</summary>
    private void MatchPatterns(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        scratch.Matches.Clear();
        scratch.Probe.Exit();
        try
        {
            scratch.Session.Push(EventObservation.Build(e), scratch.Matches);
        }
        finally
        {
            scratch.Probe.Enter();
        }

        foreach (var match in scratch.Matches)
        {
            hits.Add(new Hit(match.Id, PatternMarkings(match.Id)));
        }
    }

    /// <summary>Which SCOs an event's Observation holds, and so on which paths each of its values stands.</summary>
    internal readonly record struct Shape(bool HasDomain, bool HasTraffic)
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

        /// <summary>The paths value <paramref name="index"/> of the event stands on.</summary>
        public int PathsOf(SensorEvent e, int index, Span<byte> into)
        {
            var field = e.FieldAt(index);
            return field == EventField.Protocol && !HasTraffic ? 0 : KnownPaths.Of(field, e.HasColonAt(index), HasDomain, into);
        }

        public bool AnyTypeAlways(SensorEvent e, Patterns.PatternMatcherProbe probe)
        {
            for (var i = 0; i < e.Count; i++)
            {
                var type = KnownPaths.TypeOf(e.FieldAt(i), e.HasColonAt(i));
                if ((type >= 0 && probe.TypeAlwaysCandidate(type)) || (HasTraffic && probe.TypeAlwaysCandidate(KnownPaths.TrafficType)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
