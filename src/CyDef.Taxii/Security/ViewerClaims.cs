using System.Security.Claims;
using CyDef.Sharing;
using CyDef.Sharing.Markings;

namespace CyDef.Taxii.Security;

/// <summary>
/// Who an authenticated request stands for, as the sharing policy sees it: the viewer attributes of its API key
/// (organisation, clearance, nationality, communities, exercises, peer or user) carried as claims. An attribute a
/// key does not set is the node's default for its users.
/// </summary>
public static class ViewerClaims
{
    /// <summary>The holder is a peer node.</summary>
    public const string Peer = "cydef:peer";

    /// <summary>The identity id of the holder's organisation.</summary>
    public const string Organization = "cydef:organization";

    /// <summary>The EU level the holder is cleared for.</summary>
    public const string Clearance = "cydef:clearance";

    /// <summary>The holder's nationality.</summary>
    public const string Nationality = "cydef:nationality";

    /// <summary>
    /// Names an attribute (<see cref="Nationality"/>, <see cref="Community"/> or <see cref="Exercise"/>) the holder
    /// sets, so that an empty list or no nationality is told from an unset one.
    /// </summary>
    public const string Sets = "cydef:sets";

    /// <summary>A community the holder belongs to.</summary>
    public const string Community = "cydef:community";

    /// <summary>An exercise the holder takes part in.</summary>
    public const string Exercise = "cydef:exercise";

    /// <summary>Checks a key's viewer attributes; returns the problem, or null when they are usable.</summary>
    /// <param name="grant">The key.</param>
    public static string? Problem(ApiKeyGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Roles.FirstOrDefault(r => !NodeClaims.Roles.Contains(r)) is { } role)
        {
            return $"API key '{grant.Name}': role '{role}' is not one of {string.Join(", ", NodeClaims.Roles)}.";
        }

        return grant.Clearance is { } clearance && !Classifications.TryParseEu(clearance, out _)
            ? $"API key '{grant.Name}': clearance '{clearance}' is not one of unclassified, restricted, confidential, secret, top-secret."
            : null;
    }

    /// <summary>The claims of a key's viewer attributes.</summary>
    /// <param name="grant">The key.</param>
    public static IEnumerable<Claim> Of(ApiKeyGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Peer)
        {
            yield return new Claim(Peer, "true");
        }

        if (grant.Organization is { Length: > 0 } organization)
        {
            yield return new Claim(Organization, organization);
        }

        if (grant.Clearance is { Length: > 0 } clearance)
        {
            yield return new Claim(Clearance, clearance);
        }

        if (grant.Nationality is { Length: > 0 } nationality)
        {
            yield return new Claim(Nationality, nationality);
        }

        if (grant.Communities is not null)
        {
            yield return new Claim(Sets, Community);
        }

        if (grant.Exercises is not null)
        {
            yield return new Claim(Sets, Exercise);
        }

        foreach (var community in grant.Communities ?? [])
        {
            yield return new Claim(Community, community);
        }

        foreach (var exercise in grant.Exercises ?? [])
        {
            yield return new Claim(Exercise, exercise);
        }
    }

    /// <summary>
    /// The claims of a whole viewer — every attribute set, none left to the node's defaults: what a user of the
    /// directory, or a peer organisation's key, stands for. <see cref="ViewerOf"/> gives the same viewer back.
    /// </summary>
    /// <param name="viewer">The viewer (a user or a peer).</param>
    public static IEnumerable<Claim> Of(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.Kind == ViewerKind.Peer)
        {
            yield return new Claim(Peer, "true");
        }

        yield return new Claim(Organization, viewer.Organization);
        yield return new Claim(Clearance, Classifications.Name(viewer.Clearance));
        yield return new Claim(Sets, Nationality);
        if (viewer.Nationality is { } nationality)
        {
            yield return new Claim(Nationality, nationality);
        }

        yield return new Claim(Sets, Community);
        yield return new Claim(Sets, Exercise);
        foreach (var community in viewer.Communities.Order(StringComparer.Ordinal))
        {
            yield return new Claim(Community, community);
        }

        foreach (var exercise in viewer.Exercises.Order(StringComparer.Ordinal))
        {
            yield return new Claim(Exercise, exercise);
        }
    }

    /// <summary>The viewer <paramref name="user"/> stands for; attributes its claims leave unset come from <paramref name="defaults"/>.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="defaults">The node's default viewer for its users.</param>
    public static Viewer ViewerOf(ClaimsPrincipal user, Viewer defaults)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(defaults);
        if (user.Identity is not { IsAuthenticated: true })
        {
            return defaults;
        }

        var clearance = defaults.Clearance;
        if (user.FindFirst(Clearance)?.Value is { } text && !Classifications.TryParseEu(text, out clearance))
        {
            // Keys are checked at start (Problem); a claim that still fails to parse gets nothing above unclassified.
            clearance = ClassificationLevel.Unclassified;
        }

        return new Viewer(
            user.HasClaim(c => c.Type == Peer) ? ViewerKind.Peer : defaults.Kind,
            user.FindFirst(Organization)?.Value ?? defaults.Organization,
            clearance,
            user.HasClaim(Sets, Nationality) ? user.FindFirst(Nationality)?.Value : user.FindFirst(Nationality)?.Value ?? defaults.Nationality,
            user.HasClaim(Sets, Community) ? Set(user, Community) : defaults.Communities,
            user.HasClaim(Sets, Exercise) ? Set(user, Exercise) : defaults.Exercises);
    }

    private static HashSet<string> Set(ClaimsPrincipal user, string type) =>
        new(user.FindAll(type).Select(c => c.Value), StringComparer.Ordinal);
}
