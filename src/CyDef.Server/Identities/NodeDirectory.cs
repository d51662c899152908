using System.Collections.Concurrent;
using System.Security.Claims;
using CyDef.Sharing;
using CyDef.Storage.Identities;
using CyDef.Taxii.Security;

namespace CyDef.Server.Identities;

/// <summary>
/// The node's directory at work: who a directory API key or a user stands for, as claims — the same claims a
/// configured key gives (roles, collection rights, viewer attributes), so that TAXII, the REST API and the web UI
/// authorise and filter alike — and the node organisation's communities kept up to date.
/// </summary>
public sealed class NodeDirectory
{
    /// <summary>The claim naming the directory key a request came with.</summary>
    public const string ApiKeyClaim = "cydef:api-key";

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="nodeOrganization">The identity id of the node's organisation.</param>
    /// <param name="communities">The node organisation's communities, kept up to date here.</param>
    /// <param name="time">The clock.</param>
    public NodeDirectory(IDirectory directory, string nodeOrganization, LiveCommunities communities, TimeProvider time)
    {
        Directory = directory;
        NodeOrganization = nodeOrganization;
        Communities = communities;
        Time = time;
    }

    /// <summary>The directory.</summary>
    public IDirectory Directory { get; }

    /// <summary>The identity id of the node's organisation.</summary>
    public string NodeOrganization { get; }

    /// <summary>The node organisation's communities.</summary>
    public LiveCommunities Communities { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Reads the node organisation's communities from the directory again (after a membership changed).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Communities.Set(await Directory.CommunitiesOfAsync(NodeOrganization, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The principal of a directory key, or null when the key is unknown, revoked or expired, or its user is
    /// disabled. Only secrets with <see cref="ApiKeySecret.Marker"/> are looked up.
    /// </summary>
    /// <param name="secret">The key presented.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public async ValueTask<ClaimsPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var now = Time.GetUtcNow();
        if (await Directory.FindApiKeyAsync(ApiKeySecret.Hash(secret), cancellationToken).ConfigureAwait(false) is not { } key || !key.IsValidAt(now))
        {
            return null;
        }

        var principal = key.UserName is { } userName
            ? await Directory.GetUserAsync(userName, cancellationToken).ConfigureAwait(false) is { Disabled: false } user
                ? await PrincipalAsync(user, ApiKeyOptions.Scheme, key.Id, cancellationToken).ConfigureAwait(false)
                : null
            : await PeerPrincipalAsync(key, cancellationToken).ConfigureAwait(false);
        if (principal is not null)
        {
            await TouchAsync(key, now, cancellationToken).ConfigureAwait(false);
        }

        return principal;
    }

    /// <summary>The viewer a user stands for (<see cref="DirectoryViewers.Of(DirectoryUser, Organization?, IEnumerable{string})"/>).</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<Viewer> ViewerAsync(DirectoryUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var organization = await Directory.GetOrganizationAsync(user.Organization, cancellationToken).ConfigureAwait(false);
        var communities = await Directory.CommunitiesOfAsync(user.Organization, cancellationToken).ConfigureAwait(false);
        return DirectoryViewers.Of(user, organization, communities);
    }

    /// <summary>The principal of a user: name, roles and their rights, and the user's viewer.</summary>
    /// <param name="user">The user.</param>
    /// <param name="authenticationType">How the user was authenticated.</param>
    /// <param name="keyId">The key used, if any.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ClaimsPrincipal> PrincipalAsync(DirectoryUser user, string authenticationType, string? keyId = null, CancellationToken cancellationToken = default)
    {
        var viewer = await ViewerAsync(user, cancellationToken).ConfigureAwait(false);
        return NodeClaims.Principal(user.UserName, user.Roles, [], [], Viewer(viewer, keyId), authenticationType);
    }

    private async Task<ClaimsPrincipal?> PeerPrincipalAsync(DirectoryApiKey key, CancellationToken cancellationToken)
    {
        if (key.Organization is not { } id || await Directory.GetOrganizationAsync(id, cancellationToken).ConfigureAwait(false) is not { } organization)
        {
            return null;
        }

        var viewer = DirectoryViewers.Of(key, organization, await Directory.CommunitiesOfAsync(id, cancellationToken).ConfigureAwait(false));
        return NodeClaims.Principal(key.Name, [NodeClaims.PeerRole], key.Read, key.Write, Viewer(viewer, key.Id), ApiKeyOptions.Scheme);
    }

    private static IEnumerable<Claim> Viewer(Viewer viewer, string? keyId) =>
        keyId is null ? ViewerClaims.Of(viewer) : ViewerClaims.Of(viewer).Append(new Claim(ApiKeyClaim, keyId));

    // Last use is noted at most once a minute per key: a write per request would make every read a write.
    private async Task TouchAsync(DirectoryApiKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = _touched.TryGetValue(key.Id, out var noted) ? noted : key.LastUsed ?? DateTimeOffset.MinValue;
        if (now - last >= TouchEvery)
        {
            _touched[key.Id] = now;
            await Directory.TouchApiKeyAsync(key.Id, now, cancellationToken).ConfigureAwait(false);
        }
    }
}
