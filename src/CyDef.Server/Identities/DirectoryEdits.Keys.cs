using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>API keys.</summary>
public static partial class DirectoryEdits
{
    /// <summary>Makes an API key for a user or a peer organisation; the edit's value holds the secret, shown once.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="request">The key.</param>
    /// <param name="now">The time of creation.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<CreatedApiKey>> CreateApiKeyAsync(IDirectory directory, ApiKeyRequest request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new DirectoryProblems();
        var name = DirectoryRules.Name(request.Name ?? "api-key", "name", problems);
        var peer = request.User is null;
        if (peer == (request.Organization is null))
        {
            problems.Add(peer ? "user" : "organization", "a key belongs to a user or to a peer organisation: give one of user and organization");
        }

        if (!peer && (request.Clearance ?? (object?)request.Read ?? request.Write) is not null)
        {
            problems.Add("user", "a user's key reads and writes as its user: clearance, read and write are for peer keys");
        }

        var clearance = peer ? DirectoryRules.Clearance(request.Clearance, "clearance", problems) : null;
        var read = peer ? DirectoryRules.Tokens(request.Read ?? ["*"], "read", problems) : [];
        var write = peer ? DirectoryRules.Tokens(request.Write, "write", problems) : [];
        if (request.Expires is { } expires && expires <= now)
        {
            problems.Add("expires", "the time a key expires is in the future");
        }

        if (problems.IsEmpty)
        {
            await OwnerAsync(directory, request, problems, cancellationToken).ConfigureAwait(false);
        }

        if (!problems.IsEmpty)
        {
            return DirectoryEdit<CreatedApiKey>.Invalid(problems);
        }

        var secret = ApiKeySecret.Create();
        var key = new DirectoryApiKey(Guid.NewGuid().ToString("N"), ApiKeySecret.Prefix(secret), ApiKeySecret.Hash(secret), name, request.User,
            peer ? request.Organization : null, clearance, read, write, now, request.Expires, null, null);
        return await directory.AddApiKeyAsync(key, cancellationToken).ConfigureAwait(false) == DirectoryWrite.Done
            ? DirectoryEdit<CreatedApiKey>.Made(new CreatedApiKey(ApiKeyView.Of(key), secret))
            : DirectoryEdit<CreatedApiKey>.Refused(DirectoryWrite.NotFound, peer ? "organization" : "user", "The key's owner is no longer in the directory.");
    }

    /// <summary>Revokes a key.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="id">The key's id.</param>
    /// <param name="now">The time of revocation.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<ApiKeyView>> RevokeApiKeyAsync(IDirectory directory, string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return await directory.RevokeApiKeyAsync(id, now, cancellationToken).ConfigureAwait(false) switch
        {
            DirectoryWrite.Done => DirectoryEdit<ApiKeyView>.Made(ApiKeyView.Of((await directory.GetApiKeyAsync(id, cancellationToken).ConfigureAwait(false))!)),
            DirectoryWrite.NotFound => DirectoryEdit<ApiKeyView>.Refused(DirectoryWrite.NotFound, "id", $"No key has the id '{id}'."),
            _ => DirectoryEdit<ApiKeyView>.Refused(DirectoryWrite.Conflict, "id", $"The key '{id}' is revoked already."),
        };
    }

    private static async Task OwnerAsync(IDirectory directory, ApiKeyRequest request, DirectoryProblems problems, CancellationToken cancellationToken)
    {
        if (request.User is { } user && await directory.GetUserAsync(user, cancellationToken).ConfigureAwait(false) is null)
        {
            problems.Add("user", $"no user is named '{user}'");
        }

        if (request.User is null && request.Organization is { } organization && await directory.GetOrganizationAsync(organization, cancellationToken).ConfigureAwait(false) is null)
        {
            problems.Add("organization", $"no organisation has the id '{organization}'");
        }
    }
}
