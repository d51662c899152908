using System.Security.Claims;
using System.Text.RegularExpressions;
using CyDef.Server.Web.Picture;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Components.Authorization;

namespace CyDef.Server.Web.Data;

/// <summary>
/// What the pages of one signed-in user (one circuit) read, and the only way they read: every object, page, search,
/// count, graph and marking label comes through the user's <see cref="PolicyView"/> (the sharing policy), or, for
/// counts, from the <see cref="PictureIndex"/> asking the same policy.
/// </summary>
public sealed partial class UiReader(IObjectStore store, SharingGate gate, PictureIndex picture, AuthenticationStateProvider authentication, CyDef.Federation.FederationService federation)
{
    private const int MaxSightingNodes = 8;
    private const int RecentReads = 64;
    private readonly Dictionary<string, MarkingLabel> _labels = new(StringComparer.Ordinal);
    private PolicyView? _view;
    private ClaimsPrincipal? _user;

    /// <summary>The signed-in user.</summary>
    public async Task<ClaimsPrincipal> UserAsync()
    {
        if (_user is null)
        {
            _user = (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        }

        return _user;
    }

    /// <summary>Whether the user may create and import objects (administrators and analysts).</summary>
    public async Task<bool> CanWriteAsync()
    {
        var user = await UserAsync().ConfigureAwait(false);
        return user.IsInRole(NodeClaims.AdministratorRole) || user.IsInRole(NodeClaims.AnalystRole);
    }

    /// <summary>The store as the user may see it.</summary>
    public async Task<PolicyView> ViewAsync() => _view ??= gate.View(store, await UserAsync().ConfigureAwait(false));

    /// <summary>The counts the user may see.</summary>
    public async Task<PictureCounts> CountsAsync() => picture.Count(gate.Policy, (await ViewAsync().ConfigureAwait(false)).Viewer);

    /// <summary>An object's newest version as the user may have it, or null (missing and denied look the same).</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<SharedObject?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await (await ViewAsync().ConfigureAwait(false)).GetAsync(id, cancellationToken).ConfigureAwait(false);

    /// <summary>The versions the user may have, oldest first.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<SharedObject>> VersionsAsync(string id, CancellationToken cancellationToken = default) =>
        await (await ViewAsync().ConfigureAwait(false)).GetVersionsAsync(id, cancellationToken).ConfigureAwait(false);

    /// <summary>A page of the newest versions of some types, in the order they were added.</summary>
    /// <param name="types">The types; empty for all.</param>
    /// <param name="after">The cursor (the previous page's next).</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<SharedPage> ListAsync(IReadOnlyList<string> types, long? after, int limit, CancellationToken cancellationToken = default) =>
        await (await ViewAsync().ConfigureAwait(false)).QueryAsync(new ObjectQuery { Types = types, After = after, Limit = limit }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The newest objects of some types, newest first: the newest versions of each type (<see cref="PictureIndex.Recent"/>)
    /// read one by one on the change feed through the policy, until <paramref name="count"/> of them are visible.
    /// </summary>
    /// <param name="types">The types.</param>
    /// <param name="count">How many of each type.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<SharedObject>> RecentAsync(IReadOnlySet<string> types, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(types);
        var view = await ViewAsync().ConfigureAwait(false);
        var found = new List<SharedObject>();
        foreach (var type in types)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sequence in picture.Recent(type).Take(RecentReads))
            {
                var page = await view.ReadChangesAsync(sequence - 1, 1, cancellationToken).ConfigureAwait(false);
                if (page.Items is [{ } item] && item.Stored.Sequence == sequence && item.Stored.IsLatest && ids.Add(item.Stored.Id))
                {
                    found.Add(item);
                    if (ids.Count == count)
                    {
                        break;
                    }
                }
            }
        }

        return found.OrderByDescending(i => i.Stored.Sequence).ToList();
    }

    /// <summary>
    /// Search: an id opens that object; otherwise objects holding every word (names, descriptions, values) and the
    /// objects that mention the text as an observable value (IP, domain, hash…), newest first, through the policy.
    /// </summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="limit">The most results.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<IReadOnlyList<SharedObject>> SearchAsync(string text, int limit = 200, CancellationToken cancellationToken = default) =>
        (await SearchPageAsync(text, limit, null, cancellationToken).ConfigureAwait(false)).Items.Take(limit).ToList();

    /// <summary>
    /// One page of <see cref="SearchAsync(string, int, CancellationToken)"/>: the first page starts with the observable-value matches, then the newest
    /// word matches; a page ends after <paramref name="limit"/> results (or a bounded read of the index), and
    /// <see cref="SharedPage.More"/> with <see cref="SharedPage.Next"/> lead to older word matches. A page costs its
    /// size, not the number of matches.
    /// </summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="limit">The most results on the page.</param>
    /// <param name="before">The previous page's <see cref="SharedPage.Next"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<SharedPage> SearchPageAsync(string text, int limit, long? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        var view = await ViewAsync().ConfigureAwait(false);
        if (IdPattern().IsMatch(text))
        {
            return new SharedPage(before is null && await view.GetAsync(text, cancellationToken).ConfigureAwait(false) is { } one ? [one] : [], false, null);
        }

        var results = new List<SharedObject>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return new SharedPage(results, false, null);
        }

        if (before is null)
        {
            foreach (var (_, match) in await view.FindObservableAsync(text, cancellationToken).ConfigureAwait(false))
            {
                if (ids.Add(match.Stored.Id))
                {
                    results.Add(match);
                }
            }
        }

        var words = await view.SearchPageAsync(text, limit, before, cancellationToken).ConfigureAwait(false);
        foreach (var hit in words.Items)
        {
            if (ids.Add(hit.Stored.Id))
            {
                results.Add(hit);
            }
        }

        return new SharedPage(results, words.More, words.Next);
    }

    /// <summary>
    /// The object's neighbourhood: the objects it refers to and the relationships, sightings and containers that refer
    /// to it (found by the <see cref="PictureIndex"/>, read through the policy), with the objects at their other end.
    /// </summary>
    /// <param name="center">The object as the user has it.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<Neighbourhood> NeighbourhoodAsync(SharedObject center, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(center);
        var id = center.Stored.Id;
        var nodes = new Dictionary<string, SharedObject>(StringComparer.Ordinal);
        var edges = new List<(string, string, string)>();
        var relationships = new List<SharedObject>();
        foreach (var (property, target) in StixText.References(center.Value).Take(40))
        {
            if (await NodeAsync(target, nodes, cancellationToken).ConfigureAwait(false))
            {
                edges.Add((id, target, property));
            }
        }

        // Relationships and containers before sightings (an id starts with its type), newest first within each.
        foreach (var referrerId in picture.Referrers(id).OrderBy(r => r.StartsWith("sighting--", StringComparison.Ordinal) ? 1 : 0).Take(60))
        {
            if (await GetAsync(referrerId, cancellationToken).ConfigureAwait(false) is not { } referrer)
            {
                continue;
            }

            await AddReferrerAsync(id, referrer, nodes, edges, relationships, cancellationToken).ConfigureAwait(false);
        }

        nodes.Remove(id);
        return new Neighbourhood(center, [.. nodes.Values], edges.Distinct().ToList(), relationships);
    }

    private async Task AddReferrerAsync(string id, SharedObject referrer, Dictionary<string, SharedObject> nodes, List<(string, string, string)> edges, List<SharedObject> relationships, CancellationToken cancellationToken)
    {
        var value = referrer.Value;
        switch (referrer.Stored.Type)
        {
            case "relationship":
                var source = StixText.Text(value, "source_ref");
                var target = StixText.Text(value, "target_ref");
                if (source != id && target != id)
                {
                    return; // the version the user sees no longer points here
                }

                relationships.Add(referrer);
                var other = source == id ? target : source;
                if (await NodeAsync(other, nodes, cancellationToken).ConfigureAwait(false))
                {
                    edges.Add((source, target, StixText.Text(value, "relationship_type")));
                }

                break;
            case "sighting":
                relationships.Add(referrer);
                if (relationships.Count(r => r.Stored.Type == "sighting") <= MaxSightingNodes)
                {
                    nodes.TryAdd(referrer.Stored.Id, referrer);
                    edges.Add((referrer.Stored.Id, StixText.Text(value, "sighting_of_ref"), "sighting-of"));
                }

                break;
            default:
                if (StixText.References(value).Any(r => r.Id == id))
                {
                    nodes.TryAdd(referrer.Stored.Id, referrer);
                    edges.Add((referrer.Stored.Id, id, "refers-to"));
                }

                break;
        }
    }

    private async Task<bool> NodeAsync(string id, Dictionary<string, SharedObject> nodes, CancellationToken cancellationToken)
    {
        if (nodes.ContainsKey(id))
        {
            return true;
        }

        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } shared)
        {
            return false;
        }

        nodes[id] = shared;
        return true;
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex IdPattern();
}
