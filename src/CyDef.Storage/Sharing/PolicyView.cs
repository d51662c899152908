using CyDef.Sharing;
using CyDef.Stix.Json;
using CyDef.Storage.Internal;

namespace CyDef.Storage.Sharing;

/// <summary>
/// The store as one viewer may see it: every read goes through the <see cref="SharingPolicy"/>, and what comes
/// out is the policy's answer — a denied version is skipped as if it did not exist, a redacted one comes out
/// redacted. Search and the correlation index answer only from what the viewer may see, so that a hit cannot
/// reveal a word or a value that sits in a removed part. The REST API, TAXII, the UI and federation read
/// through this class, never through <see cref="IObjectStore"/> directly. One instance serves one request: it
/// remembers the decision for each combination of owner and object markings it has met (not thread-safe).
/// </summary>
public sealed class PolicyView
{
    // A page of the store is read at most this many times to fill one page for the viewer; then a short page
    // with 'more' goes out, and the next request resumes after the last version looked at.
    private const int MaxReadsPerPage = 8;

    private readonly IObjectStore _store;
    private readonly SharingPolicy _policy;
    private Dictionary<MarkingHeader.Key, bool>? _decisions;

    /// <summary>Creates the view of <paramref name="viewer"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="policy">The node's policy.</param>
    /// <param name="viewer">Who reads.</param>
    public PolicyView(IObjectStore store, SharingPolicy policy, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(viewer);
        _store = store;
        _policy = policy;
        Viewer = viewer;
    }

    /// <summary>Who reads.</summary>
    public Viewer Viewer { get; }

    /// <summary>The newest version of an object that the viewer may have, or null.</summary>
    /// <param name="id">The object's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<SharedObject?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var versions = await GetVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        return versions.Count == 0 ? null : versions[^1];
    }

    /// <summary>The versions of an object that the viewer may have, oldest first.</summary>
    /// <param name="id">The object's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<SharedObject>> GetVersionsAsync(string id, CancellationToken cancellationToken = default)
    {
        var versions = await _store.GetVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        return Visible(versions);
    }

    /// <summary>A page of a query, holding only what the viewer may have.</summary>
    /// <param name="query">The query; its <see cref="ObjectQuery.Limit"/> bounds the page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<SharedPage> QueryAsync(ObjectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return FillAsync(query.Limit, query.After, (after, limit) => _store.QueryAsync(query with { After = after, Limit = limit, IncludeContent = true }, cancellationToken));
    }

    /// <summary>A page of the change feed after <paramref name="after"/>, holding only what the viewer may have.</summary>
    /// <param name="after">The last sequence number already read.</param>
    /// <param name="limit">The most items to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<SharedPage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        FillAsync(limit, after, (cursor, size) => _store.ReadChangesAsync(cursor ?? 0, size, cancellationToken));

    /// <summary>
    /// Objects whose names, descriptions or values hold every word of <paramref name="text"/> — in the form the
    /// viewer may have them.
    /// </summary>
    /// <param name="text">The words.</param>
    /// <param name="limit">The most results.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<IReadOnlyList<SharedObject>> SearchAsync(string text, int limit = 100, CancellationToken cancellationToken = default) =>
        (await SearchPageAsync(text, limit, null, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>
    /// A page of search results the viewer may have, newest first. The store's index is read backwards a batch at a
    /// time (each batch costs its size, not the number of matches) until the page is full or
    /// <see cref="MaxReadsPerPage"/> batches were read; <see cref="SharedPage.More"/> then says that older matches
    /// may follow, and <see cref="SharedPage.Next"/> is the <paramref name="before"/> of the next page.
    /// </summary>
    /// <param name="text">The words.</param>
    /// <param name="limit">The most results (1 to <see cref="ObjectQuery.MaxLimit"/>).</param>
    /// <param name="before">The previous page's <see cref="SharedPage.Next"/>; null for the newest.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<SharedPage> SearchPageAsync(string text, int limit, long? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = SearchText.Words(text);
        limit = Math.Clamp(limit, 1, ObjectQuery.MaxLimit);
        var batch = Math.Min(ObjectQuery.MaxLimit, limit * 4);
        var cursor = before ?? long.MaxValue;
        var items = new List<SharedObject>();
        for (var reads = 0; reads < MaxReadsPerPage; reads++)
        {
            var hits = await _store.SearchAsync(text, batch, cursor, cancellationToken).ConfigureAwait(false);

            // The store searched whole objects. A hit on a redacted object is kept only when the words are in what the
            // viewer may see of the parts the store searches; otherwise the hit would tell what a removed part says.
            foreach (var hit in hits)
            {
                cursor = hit.Sequence;
                if (Share(hit) is { } shared && (shared.Outcome == SharingOutcome.Allow || words.All(SearchedWords(shared.Value).Contains)))
                {
                    items.Add(shared);
                    if (items.Count == limit)
                    {
                        return new SharedPage(items, true, cursor);
                    }
                }
            }

            if (hits.Count < batch)
            {
                return new SharedPage(items, false, null);
            }
        }

        return new SharedPage(items, true, cursor);
    }

    /// <summary>The objects the viewer may have that mention an observable value.</summary>
    /// <param name="value">The value (IP address, domain, URL, hash, e-mail address…).</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public async Task<IReadOnlyList<(ObservableMatch Match, SharedObject Object)>> FindObservableAsync(string value, CancellationToken cancellationToken = default)
    {
        var matches = await _store.FindObservableAsync(value, cancellationToken).ConfigureAwait(false);
        var result = new List<(ObservableMatch, SharedObject)>();
        foreach (var match in matches)
        {
            if (Share(match.Object) is { } shared
                && (shared.Outcome == SharingOutcome.Allow || IndexedStrings(shared.Value).Any(s => s.Contains(match.Value, StringComparison.OrdinalIgnoreCase))))
            {
                result.Add((match, shared));
            }
        }

        return result;
    }

    /// <summary>Whether the viewer may have anything of <paramref name="value"/> (the whole object or a redacted copy).</summary>
    /// <param name="value">A STIX object, or what the policy decides on of one (<see cref="DeletedVersion.Access"/>).</param>
    public bool MaySee(StixValue value) => _policy.Decide(value, Viewer).IsAllowed;

    /// <summary>The policy's answer for one stored version, or null when it is denied.</summary>
    /// <param name="stored">A stored version with its content.</param>
    public SharedObject? Share(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);

        // Most versions carry no granular markings and no provenance: then the owner and the marking ids decide, and the answer for
        // one combination holds for every version that carries it. Anything unusual takes the whole decision.
        if (MarkingHeader.TryRead(stored.Json.Span, out var header) && header.DecidesAlone)
        {
            _decisions ??= new Dictionary<MarkingHeader.Key, bool>();
            var key = header.ToKey();
            if (!_decisions.TryGetValue(key, out var allowed))
            {
                allowed = _policy.DeniesObjectLevel(header.Owner, header.MarkingRefs, Viewer) is null;
                _decisions[key] = allowed;
            }

            return allowed ? new SharedObject(stored) : null;
        }

        var read = StixJsonReader.ParseInPlace(stored.Json);
        if (read.Value is not { } value)
        {
            return null;
        }

        var decision = _policy.Decide(value, Viewer);
        if (decision.Value is not { } given)
        {
            return null;
        }

        if (decision.Outcome == SharingOutcome.AllowRedacted)
        {
            given = Signed.Redact(value, given);

            // A peer is told that its copy is partial, so that it never passes it on (Provenance.DeniesPeer).
            if (Viewer.Kind == ViewerKind.Peer)
            {
                given = Provenance.MarkRedacted(given);
            }
        }

        return new SharedObject(stored, given, decision.Outcome);
    }

    private List<SharedObject> Visible(IEnumerable<StoredObject> stored)
    {
        var visible = new List<SharedObject>();
        foreach (var item in stored)
        {
            if (Share(item) is { } shared)
            {
                visible.Add(shared);
            }
        }

        return visible;
    }

    private async Task<SharedPage> FillAsync(int limit, long? after, Func<long?, int, Task<ObjectPage>> read)
    {
        var items = new List<SharedObject>();
        var cursor = after;
        var more = false;
        for (var reads = 0; reads < MaxReadsPerPage && items.Count < limit; reads++)
        {
            var page = await read(cursor, limit - items.Count).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                cursor = stored.Sequence;
                if (Share(stored) is { } shared)
                {
                    items.Add(shared);
                }
            }

            more = page.More;
            if (!page.More || page.Items.Count == 0)
            {
                break;
            }
        }

        return new SharedPage(items, more, more ? cursor : null);
    }

    // The properties from which the store takes search words and observable values (see ObjectPreparer).
    private static readonly string[] IndexedProperties = ["name", "description", "pattern", "value", "objects", "hashes"];

    private static HashSet<string> SearchedWords(StixValue value) =>
        IndexedStrings(value).SelectMany(SearchText.Words).ToHashSet(StringComparer.Ordinal);

    private static List<string> IndexedStrings(StixValue value)
    {
        var strings = new List<string>();
        foreach (var name in IndexedProperties)
        {
            if (value[name] is { } part)
            {
                Collect(part, strings);
            }
        }

        return strings;
    }

    private static void Collect(StixValue value, List<string> strings)
    {
        switch (value.Kind)
        {
            case StixValueKind.String:
                strings.Add(value.GetString());
                break;
            case StixValueKind.Array:
                foreach (var item in value.Items)
                {
                    Collect(item, strings);
                }

                break;
            case StixValueKind.Object:
                foreach (var (_, child) in value.Properties)
                {
                    Collect(child, strings);
                }

                break;
        }
    }
}
