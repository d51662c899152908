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
        scratch.One[0] = e;
        scratch.OneHits[0] = hits;
        MatchManyLocked(scratch.One, scratch, scratch.OneHits);
    }

    /// <summary>
    /// What <see cref="MatchLocked(SensorEvent, MatchScratch, List{Hit})"/> does for several events at once, in order:
    /// the exact-value table's filter is asked for the values of all of them together, so that its cache misses
    /// (a million values' filter does not stay cached while input streams through) overlap across events instead of
    /// being waited for one event at a time. Each event's hits go to the list of the same index, exact values first, as
    /// for one event; the compound patterns' session sees the events in order.
    /// </summary>
    internal void MatchManyLocked(ReadOnlySpan<SensorEvent> events, MatchScratch scratch, List<Hit>[] hits)
    {
        for (var i = 0; i < events.Length; i++)
        {
            hits[i].Clear();
        }

        if (_bySlot.Count > 0)
        {
            MatchExactMany(events, scratch, hits);
        }
        else
        {
            (scratch.GatheredEvents, scratch.GatheredProbes) = (0, 0);
        }

        if (_patternTotal > 0)
        {
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                if (MayMatchPattern(e, scratch))
                {
                    MatchPatterns(e, scratch, hits[i]);
                }
            }
        }
    }

    /// <summary>The exact-value part of <see cref="MatchLocked"/>, for one event.</summary>
    internal void MatchExact(SensorEvent e, MatchScratch scratch, List<Hit> hits)
    {
        hits.Clear();
        if (_bySlot.Count > 0)
        {
            scratch.One[0] = e;
            scratch.OneHits[0] = hits;
            MatchExactMany(scratch.One, scratch, scratch.OneHits);
        }
    }

    /// <summary>
    /// Starts the exact-value lookups of the next event to be matched in <see cref="MatchManyLocked"/>: hashes each of
    /// its values on the paths the table uses and asks the core for their filter blocks. A reader that gathers each
    /// event as soon as it has read it lets those cache misses complete while it reads the events after it, instead of
    /// waiting for them all at once when the events are matched. Call under the locks of <see cref="EnterRead"/>, for the
    /// events in the order they will be passed to <see cref="MatchManyLocked"/>.
    /// </summary>
    internal void GatherLocked(SensorEvent e, MatchScratch scratch)
    {
        if (_bySlot.Count > 0)
        {
            var probes = scratch.ProbesForOneMore();
            scratch.GatheredProbes = Gather(e, scratch.GatheredEvents, e.Paths(), probes, scratch.GatheredProbes);
        }

        scratch.GatheredEvents++;
    }

    /// <summary>
    /// Every value of the events on every path the table uses: each value hashed once per event (a value asked twice in
    /// one event, as DNS records name the query in the answers, only once), all of them asked of the filter, then the
    /// few it passes looked up on each of their paths. The first events may have been gathered already
    /// (<see cref="GatherLocked"/>).
    /// </summary>
    private void MatchExactMany(ReadOnlySpan<SensorEvent> events, MatchScratch scratch, List<Hit>[] hits)
    {
        for (var i = scratch.GatheredEvents; i < events.Length; i++)
        {
            GatherLocked(events[i], scratch);
        }

        var probes = scratch.Probes;
        var n = scratch.GatheredProbes;
        (scratch.GatheredEvents, scratch.GatheredProbes) = (0, 0);

        // Each value's filter block was prefetched as it was gathered: by now most are in the cache.
        var passed = 0;
        for (var k = 0; k < n; k++)
        {
            if (_exact.MayContain(probes[k].Hash))
            {
                probes[passed++] = probes[k];
            }
        }

        var slots = scratch.Slots;
        for (var k = 0; k < passed;)
        {
            // The probes that passed, one event's at a time (they are in the events' order).
            var at = probes[k].Event;
            var e = events[at];
            slots.Clear();
            for (; k < passed && probes[k].Event == at; k++)
            {
                ref var probe = ref probes[k];
                var value = e.ValueAt(probe.Value);
                _exact.Lookup(probe.Path, value, ValueHash.OnPath(probe.Hash, probe.Path), slots);
                if (probe.Second != ExactProbe.None)
                {
                    _exact.Lookup(probe.Second, value, ValueHash.OnPath(probe.Hash, probe.Second), slots);
                }
            }

            for (var i = 0; i < slots.Count; i++)
            {
                if (slots.IndexOf(slots[i]) == i)
                {
                    hits[at].Add(new Hit(IdOf(slots[i]), MarkingsOf(slots[i])));
                }
            }
        }
    }

    /// <summary>
    /// The probes of event <paramref name="at"/>, whose values stand on <paramref name="paths"/> (two per value), added
    /// to <paramref name="probes"/> from <paramref name="n"/> on; the new count.
    /// </summary>
    private int Gather(SensorEvent e, int at, ReadOnlySpan<byte> paths, ExactProbe[] probes, int n)
    {
        var first = n;
        for (var i = 0; i < e.Count; i++)
        {
            byte path = ExactProbe.None, second = ExactProbe.None;
            for (var p = 2 * i; p < (2 * i) + 2 && paths[p] != ExactProbe.None; p++)
            {
                if (_exact.Uses(paths[p]))
                {
                    (path, second) = path == ExactProbe.None ? (paths[p], second) : (path, paths[p]);
                }
            }

            if (path == ExactProbe.None)
            {
                continue;
            }

            var value = e.ValueAt(i);
            var hash = ValueHash.Of(value);
            if (!AskedBefore(e, probes, first, n, hash, path, second, value))
            {
                _exact.Prefetch(hash);
                probes[n++] = new ExactProbe { Event = at, Value = i, Path = path, Second = second, Hash = hash };
            }
        }

        return n;
    }

    /// <summary>Whether one of the probes from <paramref name="first"/> to <paramref name="n"/> already asks for this value on these paths.</summary>
    private static bool AskedBefore(SensorEvent e, ExactProbe[] probes, int first, int n, uint hash, byte path, byte second, ReadOnlySpan<byte> value)
    {
        for (var k = first; k < n; k++)
        {
            ref var probe = ref probes[k];
            if (probe.Hash == hash && probe.Path == path && probe.Second == second && e.ValueAt(probe.Value).SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The probe part of <see cref="MatchLocked"/>: whether some compound pattern may match the event.</summary>
    internal static bool MayMatchPattern(SensorEvent e, MatchScratch scratch)
    {
        var probe = scratch.Probe;
        if (AnyTypeAlways(e, probe))
        {
            return true;
        }

        var paths = e.Paths();
        for (var i = 0; i < e.Count; i++)
        {
            var (first, second) = (paths[2 * i], paths[(2 * i) + 1]);
            if (first == ExactProbe.None || !(probe.Indexes(first) || (second != ExactProbe.None && probe.Indexes(second))))
            {
                continue;
            }

            // The probe asks its filters on the UTF-8 bytes and decodes only the values that pass.
            var value = e.ValueAt(i);
            if (probe.MayMatchEither(first, second == ExactProbe.None ? -1 : second, value, e.KnownAscii))
            {
                return true;
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

    /// <summary>Whether the event holds an SCO of a type on which every Observation must be matched (see <see cref="Patterns.PatternMatcherProbe.TypeAlwaysCandidate"/>).</summary>
    private static bool AnyTypeAlways(SensorEvent e, Patterns.PatternMatcherProbe probe)
    {
        if (e.HasTraffic && probe.TypeAlwaysCandidate(KnownPaths.TrafficType))
        {
            return true;
        }

        for (var types = e.ScoTypes; types != 0; types &= types - 1)
        {
            if (probe.TypeAlwaysCandidate(System.Numerics.BitOperations.TrailingZeroCount(types)))
            {
                return true;
            }
        }

        return false;
    }
}
