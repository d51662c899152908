using CyDef.Patterns.Internal.Evaluation;
using CyDef.Patterns.Internal.Matching;

namespace CyDef.Patterns;

/// <summary>
/// Many patterns compiled into one matcher. Equality, <c>IN</c>, <c>ISSUBSET</c> and <c>LIKE</c>/<c>MATCHES</c>
/// comparisons on any object path (ipv4/ipv6 values with CIDR containment, domain names, URLs, file hashes,
/// e-mail addresses, network-traffic references …) go into per-path indexes, so that an Observation is verified
/// only against the bracketed expressions it could satisfy; comparisons no index serves are verified only against
/// Observations that hold an SCO of their type. The answer is exactly that of <see cref="PatternEvaluator"/> for
/// each pattern on its own wherever the evaluator does not fail. Where it fails (a string compared with a timestamp
/// that is not one, a regular expression that runs too long), it fails on the first such comparison it happens to
/// reach; the matcher, which rules most Observations out by index without evaluating anything, may then report a
/// match found on other Observations — always one whose bracketed expressions evaluate to true. When it verifies a
/// bracket that fails, it leaves the pattern to the evaluator. Patterns can be added and removed while matching
/// runs; matching from many threads at once is safe. <see cref="CreateSession"/> matches a stream with the state
/// temporal qualifiers need kept between observations.
/// </summary>
public sealed partial class PatternMatcher
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<(Entry Entry, int Local)?> _brackets = [];
    private readonly Dictionary<string, PathSlot> _slotsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PathSlot>> _slotsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BracketBag> _byType = new(StringComparer.Ordinal);
    private readonly BracketBag _unindexed = new();

    private long _version;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>How many patterns the matcher holds.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds a pattern, replacing any pattern with the same identifier.</summary>
    /// <param name="id">The identifier reported when it matches (e.g. the indicator's id).</param>
    /// <param name="pattern">The pattern.</param>
    public void Add(string id, Pattern pattern)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(pattern);
        var evaluator = new PatternEvaluator(pattern);
        var anchors = evaluator.Brackets.Select(Anchor.Of).ToList();
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(id);
            _version++;
            var entry = new Entry(id, evaluator, _brackets.Count, pattern.Expression is BracketedObservation);
            _entries[id] = entry;
            for (var local = 0; local < anchors.Count; local++)
            {
                var bracket = _brackets.Count;
                _brackets.Add((entry, local));
                Index(entry, bracket, anchors[local]);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a pattern.</summary>
    /// <param name="id">Its identifier.</param>
    /// <returns>Whether the matcher held it.</returns>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            _version++;
            return RemoveLocked(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Index(Entry entry, int bracket, List<Anchor>? anchors)
    {
        if (anchors is null)
        {
            _unindexed.Add(bracket);
            entry.Anchors.Add((default, bracket));
            return;
        }

        // One index entry per distinct condition: OR of the same test twice, or of two unindexed tests on one type.
        foreach (var anchor in anchors.DistinctBy(a => a.Key))
        {
            entry.Anchors.Add((anchor, bracket));
            if (anchor.Kind == AnchorKind.Type)
            {
                if (!_byType.TryGetValue(anchor.ObjectType, out var bag))
                {
                    _byType[anchor.ObjectType] = bag = new BracketBag();
                }

                bag.Add(bracket);
                continue;
            }

            if (!_slotsByPath.TryGetValue(anchor.PathKey, out var slot))
            {
                _slotsByPath[anchor.PathKey] = slot = new PathSlot(anchor.Path, anchor.PathKey);
                if (!_slotsByType.TryGetValue(anchor.ObjectType, out var slots))
                {
                    _slotsByType[anchor.ObjectType] = slots = [];
                }

                slots.Add(slot);
            }

            slot.Add(anchor, bracket);
        }
    }

    private bool RemoveLocked(string id)
    {
        if (!_entries.Remove(id, out var entry))
        {
            return false;
        }

        foreach (var (anchor, bracket) in entry.Anchors)
        {
            _brackets[bracket] = null;
            if (anchor.Path is null)
            {
                _unindexed.Remove(bracket);
            }
            else if (anchor.Kind == AnchorKind.Type)
            {
                _byType[anchor.ObjectType].Remove(bracket);
            }
            else
            {
                _slotsByPath[anchor.PathKey].Remove(anchor, bracket);
            }
        }

        return true;
    }

    /// <summary>
    /// A session over this matcher: observations pushed one by one in time order, with the state temporal
    /// qualifiers need kept between them, and matches reported as they complete.
    /// </summary>
    /// <param name="options">Bounds on the session's state; the defaults when null.</param>
    /// <returns>A new session (use it from one thread at a time).</returns>
    public PatternMatcherSession CreateSession(PatternSessionOptions? options = null) => new(this, options ?? new PatternSessionOptions());

    /// <summary>Whether <paramref name="entry"/> is still the pattern held under its identifier.</summary>
    internal bool IsCurrent(Entry entry) => _entries.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry);

    internal ReaderWriterLockSlim Lock => _lock;

    /// <summary>Changes with every <see cref="Add"/> and <see cref="Remove"/> (read under the lock).</summary>
    internal long Version => _version;

    internal PathSlot? SlotOf(string path) => _slotsByPath.TryGetValue(path, out var slot) && slot.Count > 0 ? slot : null;

    /// <summary>Whether every Observation holding an SCO of the type is a candidate, whatever its values (type anchors, unindexed brackets).</summary>
    internal bool TypeAlwaysCandidate(string type) => _unindexed.Count > 0 || (_byType.TryGetValue(type, out var bag) && bag.Count > 0);

    internal IEnumerable<PathSlot> SlotsOfType(string type) =>
        _slotsByType.TryGetValue(type, out var slots) ? slots.Where(s => s.Count > 0) : [];

    internal Scratch ThreadScratch => t_scratch ??= new Scratch();

    /// <summary>One pattern as compiled: its evaluator, its first bracket id, and what it put in the indexes.</summary>
    internal sealed class Entry(string id, PatternEvaluator evaluator, int firstBracket, bool single)
    {
        public string Id { get; } = id;

        public PatternEvaluator Evaluator { get; } = evaluator;

        public int FirstBracket { get; } = firstBracket;

        /// <summary>One bracketed expression without qualifiers: it matches exactly when one Observation does.</summary>
        public bool IsSingle { get; } = single;

        public List<(Anchor Anchor, int Bracket)> Anchors { get; } = [];

        /// <summary>How much of the past a stream keeps for this pattern.</summary>
        public Horizon Horizon { get; } = Horizon.Of(evaluator.Root);

        public int BracketCount => Evaluator.Brackets.Count;
    }

    /// <summary>Per-thread working space, reused so that matching allocates little.</summary>
    internal sealed class Scratch
    {
        public CandidateSet Candidates { get; } = new();

        public CandidateSet Verified { get; } = new();

        public ValueCollector Collector { get; } = new();

        public HashSet<Entry> Patterns { get; } = [];

        /// <summary>Patterns whose verification failed on some Observation: the evaluator alone decides them.</summary>
        public HashSet<Entry> Fallback { get; } = [];
    }
}
