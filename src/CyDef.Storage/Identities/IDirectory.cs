namespace CyDef.Storage.Identities;

/// <summary>
/// The node's directory of identities: organisations, communities and their members, users, API keys. Two engines,
/// as for the object store: <see cref="SqliteDirectory"/> (<c>directory.db</c> in the data folder) and
/// <see cref="PostgresDirectory"/> (tables <c>directory_*</c> beside the store's). Changes that break a rule of the
/// directory's own (a taken name, an unknown organisation) change nothing and say so; checking what a value means
/// (a role, a clearance, a country code) is the caller's.
/// </summary>
public interface IDirectory : IAsyncDisposable
{
    /// <summary>A setting of the directory (such as <see cref="DirectorySettings.NodeOrganization"/>), or null.</summary>
    /// <param name="key">The setting.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets a setting.</summary>
    /// <param name="key">The setting.</param>
    /// <param name="value">Its value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Adds an organisation; <see cref="DirectoryWrite.Conflict"/> when its id or name is taken.</summary>
    /// <param name="organization">The organisation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> AddOrganizationAsync(Organization organization, CancellationToken cancellationToken = default);

    /// <summary>Changes an organisation's name, country and sector.</summary>
    /// <param name="organization">The organisation, by its id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> UpdateOrganizationAsync(Organization organization, CancellationToken cancellationToken = default);

    /// <summary>An organisation by id, or null.</summary>
    /// <param name="id">Its identity id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Organization?> GetOrganizationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>An organisation by name (without case), or null.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Organization?> FindOrganizationAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every organisation, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a community with its members; <see cref="DirectoryWrite.NotFound"/> when a member is unknown.</summary>
    /// <param name="community">The community.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> AddCommunityAsync(Community community, CancellationToken cancellationToken = default);

    /// <summary>A community by id (its members in the order they joined), or null.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Community?> GetCommunityAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every community, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Community>> ListCommunitiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes an organisation a member of a community; <see cref="DirectoryWrite.Conflict"/> when it is one already.</summary>
    /// <param name="communityId">The community.</param>
    /// <param name="organizationId">The organisation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> AddMemberAsync(string communityId, string organizationId, CancellationToken cancellationToken = default);

    /// <summary>Ends an organisation's membership of a community.</summary>
    /// <param name="communityId">The community.</param>
    /// <param name="organizationId">The organisation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> RemoveMemberAsync(string communityId, string organizationId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the communities an organisation belongs to, sorted.</summary>
    /// <param name="organizationId">The organisation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<string>> CommunitiesOfAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>Adds a user; <see cref="DirectoryWrite.Conflict"/> when the name is taken, <see cref="DirectoryWrite.NotFound"/> when the organisation is unknown.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> AddUserAsync(DirectoryUser user, CancellationToken cancellationToken = default);

    /// <summary>Replaces everything of a user but its name and creation time.</summary>
    /// <param name="user">The user, by name.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> UpdateUserAsync(DirectoryUser user, CancellationToken cancellationToken = default);

    /// <summary>A user by name, or null.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DirectoryUser?> GetUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Every user, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a key; <see cref="DirectoryWrite.NotFound"/> when its user or organisation is unknown.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> AddApiKeyAsync(DirectoryApiKey key, CancellationToken cancellationToken = default);

    /// <summary>A key by id, or null.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DirectoryApiKey?> GetApiKeyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The key whose secret has this SHA-256 (<see cref="ApiKeySecret.Hash"/>), or null.</summary>
    /// <param name="hash">The hash, lower-case hex.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DirectoryApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Every key, newest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DirectoryApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; <see cref="DirectoryWrite.Conflict"/> when it is revoked already.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<DirectoryWrite> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Notes that a key was used.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task TouchApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
